using System.Diagnostics.Metrics;
using Foreman.Telemetry;

namespace Foreman.Server.Metrics;

/// <summary>
/// Listens to the core's <c>Foreman</c> meter in process and keeps running totals of what the health page shows:
/// cost, tokens, model calls, loop detections and guardrail rejections. Thread-safe; dispose to stop listening.
/// </summary>
internal sealed class ForemanMeterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _tokens;
    private long _modelCalls;
    private long _loops;
    private long _guardrails;
    private double _cost;
    private readonly Lock _costGate = new();

    public ForemanMeterListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ForemanTelemetry.SourceName && instrument.Name is "foreman.cost" or "gen_ai.client.token.usage" or "foreman.model.calls" or "foreman.loop.detections" or "foreman.guardrail.rejections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => OnLong(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnDouble(instrument.Name, value));
        _listener.Start();
    }

    public long Tokens => Interlocked.Read(ref _tokens);

    public long ModelCalls => Interlocked.Read(ref _modelCalls);

    public long LoopDetections => Interlocked.Read(ref _loops);

    public long GuardrailRejections => Interlocked.Read(ref _guardrails);

    public double Cost
    {
        get
        {
            lock (_costGate)
            {
                return _cost;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnLong(string name, long value)
    {
        switch (name)
        {
            case "gen_ai.client.token.usage": Interlocked.Add(ref _tokens, value); break;
            case "foreman.model.calls": Interlocked.Add(ref _modelCalls, value); break;
            case "foreman.loop.detections": Interlocked.Add(ref _loops, value); break;
            case "foreman.guardrail.rejections": Interlocked.Add(ref _guardrails, value); break;
        }
    }

    private void OnDouble(string name, double value)
    {
        if (name == "foreman.cost")
        {
            lock (_costGate)
            {
                _cost += value;
            }
        }
    }
}
