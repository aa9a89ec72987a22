using BenchmarkDotNet.Attributes;
using Bra.Core.Consultations;

namespace Bra.Benchmarks;

/// <summary>In-process cost of building the compilation of 1,000 consultees (half answered) as CSV and Markdown.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CompilationBenchmarks
{
    private ConsultationData data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero);
        var consultation = new Consultation("c", "Strategi", "BRÅ 1", "d", "s.pdf", new string('a', 64), deadline, null, [], "p", "Sam", "sam@example.se",
            ConsultationState.Closed, deadline.AddDays(-30));
        var consultees = Enumerable.Range(0, 1000).Select(i => new Consultee($"k{i}", $"Instans {i}", $"k{i}@example.org", $"Org {i}", deadline.AddDays(-30))).ToList();
        var answers = consultees.Where((_, i) => i % 2 == 0).Select(c => new Answer(c.Id, 1, Position.SupportsWithComments, new string('x', 2000), "Namn", "Roll",
            null, null, deadline.AddDays(-1), false, null, null)).ToList();
        data = new ConsultationData(consultation, consultees, answers);
    }

    [Benchmark]
    public int Csv() => CompilationModel.From(data, DateTimeOffset.UtcNow).ToCsv().Length;

    [Benchmark]
    public int Markdown() => CompilationModel.From(data, DateTimeOffset.UtcNow).ToMarkdown().Length;
}
