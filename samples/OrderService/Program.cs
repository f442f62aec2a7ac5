using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OrderService.Fulfillment;
using OrderService.Infrastructure;
using OrderService.Orders;
using OrderService.Pricing;
using OrderService.Reports;

var builder = WebApplication.CreateBuilder(args);

// Reports, labels and hub messages arrive in bursts: keep plenty of pool threads ready so none of them waits.
ThreadPool.SetMinThreads(200, 200);

builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.SectionName));
builder.Services.Configure<FulfillmentOptions>(builder.Configuration.GetSection(FulfillmentOptions.SectionName));
builder.Services.Configure<DiagnosticsOptions>(builder.Configuration.GetSection(DiagnosticsOptions.SectionName));
builder.Services.AddOptions<PricingOptions>()
    .Bind(builder.Configuration.GetSection(PricingOptions.SectionName))
    .Validate(options => options.BaseUrl.IsLoopback, "Pricing:BaseUrl must be a loopback address.")
    .ValidateOnStart();

// Razor Pages bring antiforgery, which needs data-protection keys: keep them with the app's other data, not in the
// user profile.
var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(storage.Resolve(builder.Environment, "keys")));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDistributedMemoryCache();
builder.Services.AddHttpClient(PricingClient.HttpClientName, (services, http) =>
{
    var options = services.GetRequiredService<IOptions<PricingOptions>>().Value;
    http.BaseAddress = options.BaseUrl;
    http.Timeout = options.Timeout;
});

builder.Services.AddSingleton<PricingClient>();
builder.Services.AddSingleton<OrderRepository>();
builder.Services.AddSingleton<OrderMetrics>();
builder.Services.AddSingleton<ReportGenerator>();

// Hosted services stop in reverse order: the audit trail is registered first so it stops last.
builder.Services.AddSingleton<AuditTrail>();
builder.Services.AddHostedService(services => services.GetRequiredService<AuditTrail>());
builder.Services.AddHostedService<FulfillmentWorker>();
builder.Services.AddHostedService<DailyReportService>();

builder.Services.AddScoped<InvoiceAccessAuditFilter>();
builder.Services.AddControllers();
builder.Services.AddRazorPages();
builder.Services.AddSignalR();

var app = builder.Build();

// Loopback only: this service is a sample and must never listen on a network interface.
app.Urls.Clear();
app.Urls.Add($"http://127.0.0.1:{app.Configuration.GetValue("Hosting:Port", 5080)}");

// Responses carry customers' orders and addresses: no shared cache may keep them.
app.Use((context, next) =>
{
    context.Response.Headers.CacheControl = "no-store";
    return next(context);
});
app.UseMiddleware<MaintenanceModeMiddleware>();
app.UseMiddleware<SimulatedLatencyMiddleware>();

app.MapControllers();
app.MapRazorPages();
app.MapHub<OrderStatusHub>("/hubs/orders");
app.MapOrderEndpoints();
app.MapReportEndpoints();
app.MapPricingStub();

app.Run();
