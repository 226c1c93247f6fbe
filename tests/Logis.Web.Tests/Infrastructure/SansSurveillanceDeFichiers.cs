using System.Runtime.CompilerServices;

namespace Logis.Web.Tests.Infrastructure;

/// <summary>
/// The apps of the test run watch no file through inotify. Each app built by <c>WebApplicationFactory</c> otherwise opens inotify
/// instances (appsettings.json reloaded on change, the static files whose version the layout appends) and keeps them until it is
/// disposed, while Linux allows 128 per user (<c>fs.inotify.max_user_instances</c>), shared by all the user's processes: under the
/// whole suite (four test processes, dozens of apps) a new app failed at random, 500 on its first page with « The configured user
/// limit (128) on the number of inotify instances has been reached ». Here the configuration is not reloaded and the file providers
/// poll instead (<see cref="SurveillanceFichiersTests"/>).
/// </summary>
internal static class SansSurveillanceDeFichiers
{
#pragma warning disable CA2255 // A test assembly: set before any app of the run is built.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Appliquer()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>The inotify instances this process holds open (Linux).</summary>
    public static int InstancesInotify() => new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
        .Count(f => { try { return f.LinkTarget == "anon_inode:inotify"; } catch (IOException) { return false; } });
}
