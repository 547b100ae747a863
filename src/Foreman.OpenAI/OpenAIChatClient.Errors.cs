namespace Foreman.OpenAI;

/// <summary>What a caller hears when a model call (a completion, or one read of a stream) throws.</summary>
public sealed partial class OpenAIChatClient
{
    /// <summary>
    /// Whether <paramref name="exception"/> is replaced by <see cref="CallFailure"/>: the caller's own cancellation
    /// passes unchanged, and so does anything that is neither a cancellation nor a failed call.
    /// </summary>
    private static bool IsTranslated(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? exception is not OperationCanceledException canceled || canceled.CancellationToken != cancellationToken
            : ModelCallErrors.IsCallFailure(exception);

    /// <summary>
    /// After the caller cancelled, a cancellation with the caller's token (a cancelled read can surface as an I/O
    /// error or carry the SDK's linked token); otherwise Foreman's model-call error.
    /// </summary>
    private Exception CallFailure(Exception exception, string model, CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested
        ? new OperationCanceledException("The model call was canceled.", exception, cancellationToken)
        : ModelCallErrors.Translate(exception, model, _endpoint);
}
