using Bra.Core;
using Bra.Core.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Requests reach the worker from the Functions host behind the App Service front end, which appends the client to X-Forwarded-For.
builder.Services.AddSingleton(new ClientAddress(BehindPlatformFrontEnd: true));
builder.Services.AddBraCore(builder.Configuration);

// Request logs carry paths, and the answer and signing links carry their token in the path: keep them out of logs.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Build().Run();
