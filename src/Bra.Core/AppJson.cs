using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bra.Core;

/// <summary>The JSON shape of the API and of stored records: camelCase names, enums as camelCase strings.</summary>
public static class AppJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// The same shape for records in Table storage, written without escaping å, ä, ö, quotes or <c>&lt;&gt;&amp;+</c> as
    /// <c>\uXXXX</c> (six characters each), which only guards JSON embedded in HTML. Storage only: never use it for
    /// output that reaches a page.
    /// </summary>
    public static readonly JsonSerializerOptions Storage = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
