using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Server.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly: the server needs no web root, no CDN and no internet. The
/// files hold no data; everything they show comes from the API after sign-in.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Serve("index.html")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/assets/{file}", (string file) => Serve(file)).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Gets the names of the embedded files.</summary>
    public static IEnumerable<string> FileNames => Files.Keys;

    private static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Content, file.Type) : Http.Problems.NotFound($"There is no dashboard file {name}.");

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "dashboard/";
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[prefix.Length..];
            files[name] = (buffer.ToArray(), TypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
