using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Consultations;

/// <summary>Helpers the consultation tests share: upload, start, read links from captured emails, answer, poll status.</summary>
public static partial class ConsultationDriver
{
    public static Dictionary<string, string> SendGridSettings(SendGridCapture capture, string? taskHub = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
        };
        if (taskHub is not null)
        {
            settings["TaskHubName"] = taskHub;
        }

        return settings;
    }

    public static byte[] Pdf(string text = "Remissvar") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient admin, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await admin.PostAsync("api/documents", form);
        return (response.StatusCode, await BodyAsync(response));
    }

    public static async Task<string> UploadDocumentAsync(HttpClient admin)
    {
        var (status, body) = await UploadAsync(admin, "narkotikastrategi.md", "# Lokal strategi för narkotikabekämpning\n\nUtkast för remiss.\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetString()!;
    }

    public static object Consultees(params string[] emails) =>
        emails.Select((e, i) => new { name = $"Instans {i + 1}", email = e, organisation = $"Organisation {i + 1}" }).ToArray();

    public static async Task<string> StartAsync(HttpClient admin, string documentId, string[] emails, DateTimeOffset deadline, string[] reminders, string caseNumber = "BRÅ 2026/17")
    {
        using var response = await admin.PostAsJsonAsync("api/consultations", new
        {
            title = "Lokal strategi för narkotikabekämpning",
            caseNumber,
            documentId,
            deadline = deadline.ToString("O"),
            message = "Synpunkter välkomnas.",
            consultees = Consultees(emails),
            reminders,
        });
        var body = await BodyAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        Assert.Equal($"/api/consultations/{body.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// The newest personal link token per recipient, taken from captured emails whose subject starts with the prefix and,
    /// when a workflow id is given, whose message id starts with it (the demo consultation mails too).
    /// </summary>
    public static Dictionary<string, string> Links(SendGridCapture capture, string subjectPrefix, string? workflowId = null) =>
        capture.AcceptedMessages.Where(m => m.Subject.StartsWith(subjectPrefix, StringComparison.Ordinal)
                && (workflowId is null || m.MessageId.StartsWith(workflowId + "/", StringComparison.Ordinal)))
            .GroupBy(m => m.To).ToDictionary(g => g.Key, g => LinkToken().Match(g.Last().Text).Groups[1].Value);

    public static async Task<Dictionary<string, string>> WaitForLinksAsync(SendGridCapture capture, string subjectPrefix, int count, TimeSpan timeout,
        string? workflowId = null) =>
        await Polling.EventuallyAsync(() => Task.FromResult(Links(capture, subjectPrefix, workflowId)), links => links.Count >= count, timeout,
            $"{count} '{subjectPrefix}' emails");

    public static async Task<JsonElement> StatusAsync(HttpClient admin, string id)
    {
        using var response = await admin.GetAsync($"api/consultations/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    public static Task<JsonElement> WaitForStatusAsync(HttpClient admin, string id, Func<JsonElement, bool> condition, TimeSpan timeout) =>
        Polling.EventuallyAsync(() => StatusAsync(admin, id), condition, timeout, $"the status of consultation {id} to match");

    public static JsonElement Consultee(JsonElement status, string email) =>
        status.GetProperty("consultees").EnumerateArray().Single(c => c.GetProperty("email").GetString() == email);

    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string token, string position, string comments, string name,
        string? role = null, (string Name, byte[] Content)? attachment = null, string? formKey = null)
    {
        if (attachment is null)
        {
            var fields = new Dictionary<string, string> { ["position"] = position, ["comments"] = comments, ["respondentName"] = name, ["respondentRole"] = role ?? "" };
            if (formKey is not null)
            {
                fields["formKey"] = formKey;
            }

            return await client.PostAsync($"respond/{token}", new FormUrlEncodedContent(fields));
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent(position), "position" },
            { new StringContent(comments), "comments" },
            { new StringContent(name), "respondentName" },
            { new StringContent(role ?? ""), "respondentRole" },
        };
        if (formKey is not null)
        {
            form.Add(new StringContent(formKey), "formKey");
        }

        var file = new ByteArrayContent(attachment.Value.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "attachment", attachment.Value.Name);
        return await client.PostAsync($"respond/{token}", form);
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"/respond/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
