using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Foreman.Schema.Compilation;

namespace Foreman.Schema.Evaluation;

/// <summary>
/// Mutable state of one validation run: the error sink (absent on the fast path), the instance path, the dynamic
/// scope and the recursion guard. One instance is cached per thread and reused, which is what lets
/// <see cref="JsonSchema.IsValid"/> run without allocating.
/// </summary>
internal sealed class ValidationContext
{
    [ThreadStatic]
    private static ValidationContext? cached;

    private PathSegment[] path = new PathSegment[16];
    private int pathLength;
    private SchemaResource[] scope = new SchemaResource[8];
    private int scopeLength;
    private int referenceDepth;
    private int referenceDepthLimit;

    /// <summary>Gets the errors collected so far; <see langword="null"/> on the fast path, where the first failure ends evaluation.</summary>
    public List<SchemaError>? Errors { get; private set; }

    public int MaxErrors { get; set; }

    /// <summary>Gets a value indicating whether evaluation should stop at the first failure.</summary>
    public bool StopEarly => Errors is null || Errors.Count >= MaxErrors;

    public bool Collecting => Errors is not null;

    /// <summary>Gets a value indicating whether schema resources are pushed as they are entered (only needed for $dynamicRef).</summary>
    public bool TracksDynamicScope { get; private set; }

    public static ValidationContext Rent(bool tracksDynamicScope, List<SchemaError>? errors, int maxErrors, int maxDepth)
    {
        var context = cached ?? new ValidationContext();
        cached = null;
        context.TracksDynamicScope = tracksDynamicScope;
        context.Errors = errors;
        context.MaxErrors = maxErrors;
        context.pathLength = 0;
        context.scopeLength = 0;
        context.referenceDepth = 0;

        // Legitimate recursion through $ref follows the instance down, so a few references per level is plenty;
        // anything deeper is a reference cycle that does not consume input.
        context.referenceDepthLimit = (maxDepth * 4) + 64;
        return context;
    }

    public void Return()
    {
        Errors = null;
        Array.Clear(scope, 0, scopeLength);
        Array.Clear(path, 0, pathLength);
        cached = this;
    }

    public List<SchemaError>? SwapErrors(List<SchemaError>? errors)
    {
        var previous = Errors;
        Errors = errors;
        return previous;
    }

    public void PushProperty(string name) => Push(new PathSegment(name, -1));

    public void PushIndex(int index) => Push(new PathSegment(null, index));

    public void Pop() => pathLength--;

    /// <summary>Records an error at the current instance location; always returns <see langword="false"/> so callers can <c>return context.Fail(...)</c>.</summary>
    public bool Fail(string keyword, string message)
    {
        if (Errors is not null && Errors.Count < MaxErrors)
        {
            Errors.Add(new SchemaError(CurrentPointer(), keyword, message));
        }

        return false;
    }

    /// <summary>Gets the JSON Pointer of the current instance location, with <c>/</c> for the root (see <see cref="SchemaError.InstancePath"/>).</summary>
    public string CurrentPointer()
    {
        if (pathLength == 0)
        {
            return "/";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < pathLength; i++)
        {
            builder.Append('/');
            var segment = path[i];
            if (segment.Name is null)
            {
                builder.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(segment.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
        }

        return builder.ToString();
    }

    /// <summary>Pushes <paramref name="resource"/> onto the dynamic scope when evaluation enters it; returns whether it was pushed.</summary>
    public bool EnterResource(SchemaResource resource)
    {
        if (scopeLength > 0 && ReferenceEquals(scope[scopeLength - 1], resource))
        {
            return false;
        }

        if (scopeLength == scope.Length)
        {
            Array.Resize(ref scope, scope.Length * 2);
        }

        scope[scopeLength++] = resource;
        return true;
    }

    public void ExitResource() => scope[--scopeLength] = null!;

    /// <summary>Finds the outermost schema resource in the dynamic scope that declares <c>$dynamicAnchor: name</c>.</summary>
    public SchemaNode? FindDynamicAnchor(string name)
    {
        for (var i = 0; i < scopeLength; i++)
        {
            if (scope[i].DynamicAnchors.TryGetValue(name, out var node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Guards recursion through references: a cycle that never moves into the instance must fail, not overflow the stack.</summary>
    public bool EnterReference()
    {
        if (referenceDepth >= referenceDepthLimit || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        referenceDepth++;
        return true;
    }

    public void ExitReference() => referenceDepth--;

    private void Push(PathSegment segment)
    {
        if (pathLength == path.Length)
        {
            Array.Resize(ref path, path.Length * 2);
        }

        path[pathLength++] = segment;
    }
}
