// Benchmarks for consultations (issue 3). Not run by the test suite.
//
// How to run (from the repository root, after `npm ci` for Azurite):
//   dotnet run -c Release --project tests/Bra.Benchmarks               # load benchmarks against the development host over HTTP
//   dotnet run -c Release --project tests/Bra.Benchmarks -- inprocess  # BenchmarkDotNet: compilation rendering in process
//   dotnet run -c Release --project tests/Bra.Benchmarks -- footage    # the footage access log against Azurite (FootageBenchmarks)
//
// The load benchmarks start a private in-memory Azurite, a loopback SendGrid capture and the development host (its
// Release build, which `dotnet run -c Release` builds through the project reference), then print:
//   1. invitations: time from POST /api/consultations with 1,000 consultees until all 1,000 invitations reached the
//      SendGrid capture, beside a floor measured in the same run (1,000 link records written plus the same SendGrid
//      request sent directly, without the workflow). Goal: under 20 s and under 3 times the floor.
//   2. answers: 200 answers posted concurrently by 200 consultees, all checked in the status API; p50/p95 latency and
//      answers per second, beside the floor of 200 concurrent raw table inserts.
using Bra.Benchmarks;

if (args.Contains("inprocess"))
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<CompilationBenchmarks>();
    return 0;
}

if (args.Contains("footage"))
{
    return await FootageBenchmarks.RunAsync();
}

return await LoadBenchmarks.RunAsync();
