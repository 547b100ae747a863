using System.Globalization;
using System.Text;
using System.Text.Json;
using Foreman.Cli.Rendering;
using Foreman.Cli.Workflows;

namespace Foreman.Cli.Bench;

/// <summary>A benchmark's figures in the order they were added: one JSON line for scripts, or aligned text.</summary>
internal sealed class BenchReport
{
    private readonly List<(string Name, object Value)> _figures = [];
    private IReadOnlyList<(StoreCall Call, long Count, double TotalMs, double MeanMs)> _calls = [];
    private IReadOnlyList<(string Name, double Seconds)> _threads = [];

    public BenchReport Add(string name, object value)
    {
        _figures.Add((name, value));
        return this;
    }

    /// <summary>Adds where the time went: store calls, how many, and how long callers waited on average.</summary>
    public BenchReport WithStoreCalls(IReadOnlyList<(StoreCall Call, long Count, double TotalMs, double MeanMs)> calls)
    {
        _calls = calls;
        return this;
    }

    /// <summary>Adds CPU seconds per thread name (Linux), to show which thread is the bottleneck.</summary>
    public BenchReport WithThreadCpu(IReadOnlyList<(string Name, double Seconds)> threads)
    {
        _threads = threads;
        return this;
    }

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _figures)
            {
                switch (value)
                {
                    case double number:
                        writer.WriteNumber(name, Math.Round(number, 3));
                        break;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    default:
                        writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            if (_calls.Count > 0)
            {
                writer.WriteStartObject("store_calls");
                foreach (var (call, count, total, mean) in _calls)
                {
                    writer.WriteStartObject(StatusText.Of(call).Replace('-', '_'));
                    writer.WriteNumber("count", count);
                    writer.WriteNumber("total_ms", Math.Round(total, 1));
                    writer.WriteNumber("mean_ms", Math.Round(mean, 3));
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            if (_threads.Count > 0)
            {
                writer.WriteStartObject("thread_cpu_s");
                foreach (var (name, seconds) in _threads)
                {
                    writer.WriteNumber(name, Math.Round(seconds, 3));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteText(TextWriter writer)
    {
        var width = _figures.Count == 0 ? 0 : _figures.Max(f => f.Name.Length);
        foreach (var (name, value) in _figures)
        {
            var text = value is double number ? number.ToString("0.###", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);
            writer.WriteLine($"{name.PadRight(width)}  {text}");
        }

        if (_calls.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("store call        count    total ms   mean ms (time callers waited, including queueing for the writer)");
            foreach (var (call, count, total, mean) in _calls)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StatusText.Of(call),-16}{count,7}{total,12:0.0}{mean,10:0.000}"));
            }
        }

        if (_threads.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("thread            cpu s");
            foreach (var (name, seconds) in _threads)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16}{seconds,7:0.000}"));
            }
        }
    }
}
