using Bra.Core.Links;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace Bra.Functions.Telemetry;

/// <summary>
/// Removes link tokens (<see cref="LinkRedaction"/>) from every telemetry item the worker sends: URLs, names, messages,
/// operation names and custom properties.
/// </summary>
public sealed class LinkTokenTelemetry(ITelemetryProcessor next) : ITelemetryProcessor
{
    public void Process(ITelemetry item)
    {
        switch (item)
        {
            case RequestTelemetry request:
                request.Name = LinkRedaction.Redact(request.Name);
                request.Url = request.Url is null ? null : new Uri(LinkRedaction.Redact(request.Url.OriginalString), UriKind.RelativeOrAbsolute);
                break;
            case DependencyTelemetry dependency:
                dependency.Name = LinkRedaction.Redact(dependency.Name);
                dependency.Data = LinkRedaction.Redact(dependency.Data);
                break;
            case TraceTelemetry trace:
                trace.Message = LinkRedaction.Redact(trace.Message);
                break;
            case ExceptionTelemetry exception:
                exception.Message = LinkRedaction.Redact(exception.Message);
                break;
            case EventTelemetry custom:
                custom.Name = LinkRedaction.Redact(custom.Name);
                break;
        }

        item.Context.Operation.Name = LinkRedaction.Redact(item.Context.Operation.Name);
        if (item is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.ToList())
            {
                withProperties.Properties[key] = LinkRedaction.Redact(withProperties.Properties[key]);
            }
        }

        next.Process(item);
    }
}
