// Benchmarks for consultations (issue 3). Not run by the test suite.
//
// How to run (from the repository root, after `npm ci` for Azurite):
//   dotnet run -c Release --project tests/Bra.Benchmarks               # load benchmarks against the development host over HTTP
//   dotnet run -c Release --project tests/Bra.Benchmarks -- inprocess  # BenchmarkDotNet: compilation rendering in process
//   dotnet run -c Release --project tests/Bra.Benchmarks -- footage    # the footage access log against Azurite (FootageBenchmarks)
//   dotnet run -c Release --project tests/Bra.Benchmarks -- burst 5    # 5 rounds of 200 concurrent answers only (or: invite 5), for profiling
//
// The load benchmarks start a private in-memory Azurite, a loopback SendGrid capture and the development host (its
// Release build, which `dotnet run -c Release` builds through the project reference), then print, each beside a floor
// measured in the same run (docs/performance.md says what each figure is), after a warm-up of 60 page GETs and
// answers, with the CPU time the host, Azurite and the load driver spent (from /proc) beside the answer figures:
//   1. invitations: POST /api/consultations with 1,000 consultees until all 1,000 invitations reached the capture;
//      floor: 1,000 link records plus the same SendGrid request sent directly. Goal: < 1.5 x floor.
//   2. 200 concurrent answers: answers/s, p50/p95/p99, storage operations per answer (request and receipt, counted by
//      the host at /dev/storage-operations); floor: 200 concurrent raw table inserts. Five rounds of floor-then-burst,
//      the first two printed as warm-up, the median burst of the last three counted; the floor is the highest measured
//      in the run (also once on the fresh Azurite before the invitations). Goal: >= 150/s and >= 1/8 of the floor,
//      p95 < 1 s.
//   3. one consultee at a time: p50/p95 of the answer page GET and the answer POST; floor: one raw point read and
//      one raw insert at a time. Goal: POST p95 < 100 ms.
//   4. the 1,000-consultee consultation of step 1, all 1,000 answer: total time; orchestration history rows before
//      and after (must not grow); the status API and the compilation (html, csv, md) of it, timed.
//   and last: RESULT answers_per_s=<n> answer_floor_per_s=<n> answer_p95_ms=<n> invite_ratio=<n>
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

if (args.Length > 0 && args[0] is "burst" or "invite")
{
    return await LoadBenchmarks.RepeatAsync(args[0], args.Length > 1 && int.TryParse(args[1], out var rounds) ? rounds : 5);
}

return await LoadBenchmarks.RunAsync();
