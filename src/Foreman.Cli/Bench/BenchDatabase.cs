namespace Foreman.Cli.Bench;

/// <summary>
/// The database a benchmark writes to: the file the user named, or a fresh file in a new temporary folder that is
/// deleted afterwards, so one run's data never skews the next.
/// </summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string? _temporaryFolder;

    private BenchDatabase(string path, string? temporaryFolder)
    {
        Path = path;
        _temporaryFolder = temporaryFolder;
    }

    public string Path { get; }

    public bool IsFresh => _temporaryFolder is not null;

    public static BenchDatabase Create(CliEnvironment environment, string? requested)
    {
        if (requested is not null)
        {
            return new BenchDatabase(environment.Resolve(requested), null);
        }

        var folder = Directory.CreateTempSubdirectory("foreman-bench-").FullName;
        return new BenchDatabase(System.IO.Path.Combine(folder, "bench.db"), folder);
    }

    public double SizeMb()
    {
        long bytes = 0;
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            var file = new FileInfo(Path + suffix);
            bytes += file.Exists ? file.Length : 0;
        }

        return ProcessMemory.ToMb(bytes);
    }

    public void Dispose()
    {
        if (_temporaryFolder is not null)
        {
            try
            {
                Directory.Delete(_temporaryFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; the figures were printed already.
            }
        }
    }
}
