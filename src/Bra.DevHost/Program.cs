using Bra.Core;
using Bra.DevHost;
using Bra.DevHost.Demo;
using Bra.DevHost.Dev;
using Bra.DevHost.Durable;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevHostDefaults();
builder.Services.AddBraCore(builder.Configuration);
builder.Services.AddDevHostDurable(builder.Configuration);
builder.Services.AddDemoData();
builder.Services.AddHostedService<Bra.DevHost.Cameras.DailyScanService>();
builder.Services.AddHostedService<Bra.DevHost.Consultations.ReceiptSweepService>();
builder.Services.AddHostedService<Bra.DevHost.Footage.AnchoringService>();
builder.Services.AddHostedService<HistoryPurgeService>();
builder.Services.AddHostedService<Bra.DevHost.Footage.FullVerificationService>();

var app = builder.Build();
app.MapAppRoutes();
if (app.Environment.IsDevelopment())
{
    app.MapDevRoutes();
}

await app.StartAsync();
app.UseBoundAddress();
await app.WaitForShutdownAsync();
