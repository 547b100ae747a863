using System.Text.Json;
using Foreman.Agents;

namespace Foreman.Tests.Agents;

/// <summary>A system of record that refuses some values and remembers every value it was asked about.</summary>
internal sealed class RefusingVerifier(IReadOnlyDictionary<string, string> refusals) : IGroundingVerifier
{
    private readonly Lock _lock = new();
    private readonly List<(string Pointer, string Value)> _checked = [];

    public IReadOnlyList<(string Pointer, string Value)> Checked
    {
        get
        {
            lock (_lock)
            {
                return [.. _checked];
            }
        }
    }

    public ValueTask<string?> VerifyAsync(string pointer, JsonElement value, CancellationToken cancellationToken)
    {
        var text = value.ToString();
        lock (_lock)
        {
            _checked.Add((pointer, text));
        }

        return ValueTask.FromResult(refusals.TryGetValue(text, out var reason) ? reason : null);
    }
}
