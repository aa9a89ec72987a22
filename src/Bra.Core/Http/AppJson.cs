using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bra.Core.Http;

/// <summary>The JSON shape of the API and of stored records: camelCase names, enums as camelCase strings.</summary>
public static class AppJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
