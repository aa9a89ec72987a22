using System.Diagnostics;
using System.Text;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// Runs an azd hook script (infra/hooks/*.sh) with stub <c>az</c> and <c>azd</c> commands first on the PATH. A stub logs
/// each call's arguments and answers from the canned answers given: the first pattern (a shell glob over the
/// arguments) that matches decides the output and exit code; a call nothing matches fails with exit code 99.
/// </summary>
public sealed class HookRun : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bra-hook-").FullName;

    public List<(string Pattern, int Exit, string Output)> Az { get; } = [];

    public List<(string Pattern, int Exit, string Output)> Azd { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The arguments of every stub call, in order, each as "az ..." or "azd ...".</summary>
    public List<string> Calls { get; private set; } = [];

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; }

    public HookRun Answer(string pattern, string output = "", int exit = 0)
    {
        Az.Add((pattern, exit, output));
        return this;
    }

    public HookRun AnswerAzd(string pattern, string output = "", int exit = 0)
    {
        Azd.Add((pattern, exit, output));
        return this;
    }

    public HookRun Run(string hook)
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        var log = Path.Combine(dir, "calls.log");
        WriteStub(bin, "az", Az, log);
        WriteStub(bin, "azd", Azd, log);

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "infra", "hooks", hook));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k.StartsWith("ENTRA_", StringComparison.Ordinal)
            || k.StartsWith("ROLE_ASSIGNMENT_", StringComparison.Ordinal) || k is "EMAIL_SENDER_ADDRESS" or "ALERT_EMAIL" or "ORGANISATION_NAME" or "SERVICE_API_ENDPOINT_URL").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{hook} did not finish in 2 minutes: " + output.Result + error.Result);
        }

        process.WaitForExit();
        ExitCode = process.ExitCode;
        Output = output.Result + error.Result;
        Calls = File.Exists(log) ? File.ReadAllLines(log).ToList() : [];
        return this;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static void WriteStub(string bin, string name, List<(string Pattern, int Exit, string Output)> answers, string log)
    {
        var script = new StringBuilder("#!/usr/bin/env bash\n");
        script.Append($"printf '%s\\n' \"{name} $*\" >> '{log}'\n");
        script.Append("case \"$*\" in\n");
        for (var i = 0; i < answers.Count; i++)
        {
            var file = Path.Combine(bin, $"{name}.{i}");
            File.WriteAllText(file, answers[i].Output);
            script.Append($"  {Glob(answers[i].Pattern)}) cat '{file}'; exit {answers[i].Exit} ;;\n");
        }

        script.Append($"  *) echo \"stub {name}: no answer for: $*\" >&2; exit 99 ;;\nesac\n");
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, script.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A case pattern: '*' stays a wildcard, everything else is literal.</summary>
    private static string Glob(string pattern) =>
        string.Join("*", pattern.Split('*').Select(part => part.Length == 0 ? "" : "'" + part.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}
