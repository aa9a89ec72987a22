using Bra.Functions;
using Bra.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Services.AddFunctionsTelemetry();

// Request logs carry paths, and the answer and signing links carry their token in the path: keep them out of logs.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Build().Run();
