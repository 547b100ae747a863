using Foreman.Workflows.Storage;

namespace Foreman.Workflows;

/// <summary>Business-state transitions.</summary>
public sealed partial class WorkflowContext
{
    /// <summary>Records a business-state transition durably and sets the run's visible business state.</summary>
    /// <param name="from">The state left.</param>
    /// <param name="to">The state entered.</param>
    /// <returns>A task.</returns>
    public async Task TransitionAsync(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var key = NextKey();
        var name = $"{from}->{to}";
        if (_execution.Find(key, JournalEntryKind.Transition, name) is not null)
        {
            return;
        }

        await _execution.CommitAsync(_execution.NewEntry(key, JournalEntryKind.Transition, name, JournalEntryState.Completed, null), businessState: to);
    }
}
