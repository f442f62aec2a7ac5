namespace OrderService.Infrastructure;

/// <summary>Where the service keeps its files (orders, audit log, label spool, reports).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Relative paths are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public string Resolve(IHostEnvironment environment, string subdirectory)
    {
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, DataDirectory, subdirectory));
        Directory.CreateDirectory(path);
        return path;
    }
}
