using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Foreman.Workflows;

/// <summary>Options of a <see cref="WorkflowEngine"/>; copied when the engine is built.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Gets or sets the clock for timers, leases and recorded times. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the JSON options for inputs, outputs and step results. The default value is <see cref="WorkflowJson.DefaultOptions"/>.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = WorkflowJson.DefaultOptions;

    /// <summary>Gets or sets the options of steps that pass none.</summary>
    public StepOptions DefaultStepOptions { get; set; } = new();

    /// <summary>Gets or sets services made available to workflows through <see cref="WorkflowContext.Services"/>.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Gets or sets the logger factory, or <see langword="null"/> for none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
