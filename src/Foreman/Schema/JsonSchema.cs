using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Foreman.Schema.Compilation;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema;

/// <summary>
/// A compiled JSON Schema (draft 2020-12 or draft 7). Compile once, validate many times: the schema is turned into a
/// tree of keyword validators up front, so validation never re-reads the schema document.
/// </summary>
/// <remarks>
/// Instances are immutable and thread-safe. Validation of hostile input is bounded: instance nesting is capped by
/// <see cref="JsonSchemaOptions.MaxDepth"/>, regex matches by <see cref="JsonSchemaOptions.RegexTimeout"/>, and
/// reference cycles by a recursion limit; each of these fails validation rather than throwing.
/// </remarks>
public sealed class JsonSchema
{
    private readonly SchemaNode root;
    private readonly bool tracksDynamicScope;
    private readonly int maxDepth;

    private JsonSchema(JsonElement source, SchemaNode root, bool tracksDynamicScope, int maxDepth)
    {
        Source = source;
        this.root = root;
        this.tracksDynamicScope = tracksDynamicScope;
        this.maxDepth = maxDepth;
    }

    /// <summary>Gets the schema document.</summary>
    public JsonElement Source { get; }

    /// <summary>Gets the dialect the root schema was compiled with (from <c>$schema</c>, else <see cref="JsonSchemaOptions.DefaultDialect"/>).</summary>
    public SchemaDialect Dialect => root.Resource.Dialect;

    /// <summary>Parses and compiles a schema.</summary>
    /// <param name="json">The schema document.</param>
    /// <param name="options">Compile options; <see langword="null"/> for the defaults.</param>
    /// <returns>The compiled schema.</returns>
    /// <exception cref="JsonSchemaException">The text is not JSON, or not a valid schema.</exception>
    public static JsonSchema Parse(string json, JsonSchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new JsonSchemaException($"The schema is not valid JSON: {e.Message}", e);
        }

        return Compile(element, options);
    }

    /// <summary>Compiles a schema from an element, which is cloned so the caller may dispose its document.</summary>
    /// <param name="schema">The schema document.</param>
    /// <param name="options">Compile options; <see langword="null"/> for the defaults.</param>
    /// <returns>The compiled schema.</returns>
    /// <exception cref="JsonSchemaException">The element is not a valid schema.</exception>
    public static JsonSchema FromElement(JsonElement schema, JsonSchemaOptions? options = null) => Compile(schema.Clone(), options);

    /// <summary>Parses and compiles a schema, reporting failure as a value.</summary>
    /// <param name="json">The schema document.</param>
    /// <param name="schema">The compiled schema, on success.</param>
    /// <param name="error">Why the schema was rejected, on failure.</param>
    /// <param name="options">Compile options; <see langword="null"/> for the defaults.</param>
    /// <returns><see langword="true"/> when the schema compiled.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out JsonSchema? schema, [NotNullWhen(false)] out string? error, JsonSchemaOptions? options = null)
    {
        try
        {
            schema = Parse(json, options);
            error = null;
            return true;
        }
        catch (JsonSchemaException e)
        {
            schema = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Returns whether <paramref name="instance"/> is valid. Stops at the first failure and, for typical schemas, does not allocate.</summary>
    /// <param name="instance">The value to validate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public bool IsValid(JsonElement instance)
    {
        RequireDefined(instance);
        if (InstanceDepth.Exceeds(instance, maxDepth))
        {
            return false;
        }

        var context = ValidationContext.Rent(tracksDynamicScope, null, 0, maxDepth);
        try
        {
            return root.Evaluate(instance, context, null);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Validates <paramref name="instance"/> and collects up to <paramref name="maxErrors"/> errors.</summary>
    /// <param name="instance">The value to validate.</param>
    /// <param name="maxErrors">The most errors to collect; validation stops once reached. The default value is 20.</param>
    /// <returns>The result; <see cref="SchemaValidationResult.Valid"/> when valid.</returns>
    public SchemaValidationResult Validate(JsonElement instance, int maxErrors = 20)
    {
        RequireDefined(instance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxErrors);
        if (InstanceDepth.Exceeds(instance, maxDepth))
        {
            var pointer = InstanceDepth.FindTooDeep(instance, maxDepth);
            return new SchemaValidationResult([new SchemaError(pointer, "maxDepth", $"value is nested more than {maxDepth} levels deep")]);
        }

        var errors = new List<SchemaError>();
        var context = ValidationContext.Rent(tracksDynamicScope, errors, maxErrors, maxDepth);
        bool valid;
        try
        {
            valid = root.Evaluate(instance, context, null);
        }
        finally
        {
            context.Return();
        }

        if (valid)
        {
            return SchemaValidationResult.Valid;
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaError("/", "schema", "value does not match the schema"));
        }

        return new SchemaValidationResult(errors);
    }

    private static JsonSchema Compile(JsonElement element, JsonSchemaOptions? options)
    {
        options ??= new JsonSchemaOptions();
        if (options.MaxDepth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxDepth must be at least 1.");
        }

        if (options.RegexTimeout <= TimeSpan.Zero && options.RegexTimeout != System.Text.RegularExpressions.Regex.InfiniteMatchTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "RegexTimeout must be positive.");
        }

        var compiler = new SchemaCompiler(options);
        var compiled = compiler.Compile(element);
        return new JsonSchema(element, compiled, compiler.UsesDynamicScope, options.MaxDepth);
    }

    private static void RequireDefined(JsonElement instance)
    {
        if (instance.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The instance is an undefined JsonElement (default).", nameof(instance));
        }
    }
}
