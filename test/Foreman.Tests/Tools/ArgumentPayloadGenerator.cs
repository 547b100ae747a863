using System.Globalization;
using System.Text;

namespace Foreman.Tests.Tools;

/// <summary>
/// Generates argument payloads for <see cref="FuzzOrderSchema"/>. Every payload starts from a valid order and gets
/// at most one mutation whose effect on validity is certain by the JSON and JSON Schema specifications (or by the
/// guard's documented policy: duplicate names and unpaired surrogates are refused). Mutations whose outcome would
/// depend on a validator's number precision or a parser's leniency (a BOM, 1.0000000000000000001) are not made.
/// </summary>
internal sealed class ArgumentPayloadGenerator(Random random, int maxArgumentCharacters)
{
    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_:;!?()";

    private static readonly (string Name, bool Valid, int Weight)[] Kinds =
    [
        ("valid", true, 12),
        ("valid-reordered-and-spaced", true, 6),
        ("valid-minimal", true, 4),
        ("valid-boundaries", true, 4),
        ("valid-integer-as-decimal", true, 3),
        ("valid-integer-exponent", true, 3),
        ("valid-negative-zero", true, 3),
        ("valid-escapes", true, 4),
        ("valid-escaped-key", true, 2),
        ("valid-astral-title", true, 2),
        ("valid-huge-note", true, 1),
        ("wrong-type", false, 6),
        ("missing-required", false, 4),
        ("extra-property", false, 4),
        ("out-of-range", false, 5),
        ("pattern", false, 3),
        ("length", false, 3),
        ("huge-title", false, 1),
        ("too-long", false, 1),
        ("deep-nesting", false, 2),
        ("nested-wrong-type", false, 2),
        ("lone-surrogate", false, 3),
        ("invalid-escape", false, 2),
        ("control-character", false, 2),
        ("truncated", false, 3),
        ("trailing-comma", false, 2),
        ("nan", false, 2),
        ("single-quotes", false, 2),
        ("comment", false, 1),
        ("duplicate-key", false, 3),
        ("empty", false, 1),
        ("null-document", false, 1),
        ("array-document", false, 1),
        ("scalar-document", false, 1),
        ("bad-number", false, 2),
        ("trailing-garbage", false, 2),
        ("unicode-whitespace", false, 1),
    ];

    private static readonly int TotalWeight = Kinds.Sum(k => k.Weight);

    /// <summary>Gets the names of every kind, with whether it is valid.</summary>
    public static IEnumerable<(string Name, bool Valid)> AllKinds => Kinds.Select(k => (k.Name, k.Valid));

    public Payload Next()
    {
        var pick = random.Next(TotalWeight);
        foreach (var (name, valid, weight) in Kinds)
        {
            if (pick < weight)
            {
                return new Payload(name, valid, Build(name));
            }

            pick -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    private string Build(string kind)
    {
        var order = ValidOrder();
        switch (kind)
        {
            case "valid":
                return Render(order);
            case "valid-reordered-and-spaced":
                Shuffle(order);
                return Render(order, spaced: true);
            case "valid-minimal":
                order.RemoveAll(f => f.Key is not ("sku" or "quantity"));
                return Render(order);
            case "valid-boundaries":
                Set(order, "quantity", Pick("1", "100"));
                Set(order, "discount", Pick("0", "50"));
                Set(order, "price", Pick("10000", "10000.0", "1e-7", "0.0001", "1E4"));
                Set(order, "title", FuzzOrderSchema.Quote(Text(50)));
                Set(order, "tags", "[" + string.Join(",", Enumerable.Range(0, 5).Select(_ => FuzzOrderSchema.Quote(Text(10)))) + "]");
                return Render(order);
            case "valid-integer-as-decimal":
                Set(order, "quantity", random.Next(1, 101).ToString(CultureInfo.InvariantCulture) + Pick(".0", ".000", ".0e0"));
                return Render(order);
            case "valid-integer-exponent":
                // q written as (10q)e-1 or (q/10)e1: both equal q exactly.
                var q = random.Next(1, 11) * 10;
                Set(order, "quantity", Pick($"{q * 10}e-1", $"{q / 10}e1", $"{q / 10}E+1", $"{q}e0"));
                return Render(order);
            case "valid-negative-zero":
                Set(order, "discount", Pick("-0", "-0.0", "-0e0", "-0E-3"));
                return Render(order);
            case "valid-escapes":
                Set(order, "note", "\"" + string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pick(
                    "\\u0000", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\u00e9", "\\u00E9", "\\ud83d\\ude00", "\\uD83D\\uDE00",
                    "é", "中", "😀", "\\u0041", "plain", "\\u2028", "\\uFFFF"))) + "\"");
                return Render(order);
            case "valid-escaped-key":
                Rename(order, "sku", Pick("\"\\u0073ku\"", "\"s\\u006Bu\"", "\"sk\\u0075\""));
                return Render(order);
            case "valid-astral-title":
                Set(order, "title", "\"" + string.Concat(Enumerable.Range(0, random.Next(1, 51)).Select(_ => Pick("😀", "\\ud83d\\ude00", "𝄞"))) + "\"");
                return Render(order);
            case "valid-huge-note":
                Set(order, "note", "\"" + new string('n', (1 << 20) + random.Next(1_000)) + "\\u0000\"");
                return Render(order);
            case "wrong-type":
                return Render(WrongType(order));
            case "missing-required":
                return Render(MissingRequired(order));
            case "extra-property":
                return Render(ExtraProperty(order));
            case "out-of-range":
                return Render(OutOfRange(order));
            case "pattern":
                if (random.Next(2) == 0)
                {
                    Set(order, "sku", Pick("\"abc-123\"", "\"ABC123\"", "\"ABCD-123\"", "\"ABC-1234\"", "\"ABC-12\"", "\" ABC-123\"", "\"ABC-123 \"", "\"ÄBC-123\"", "\"ABC–123\"", "\"ABC-١٢٣\"", "\"\""));
                }
                else
                {
                    Set(order, "address", $$"""{"city":"Lyon","zip":{{Pick("\"1234\"", "\"123456\"", "\"abcde\"", "\"\"", "\"12 34\"")}}}""");
                }

                return Render(order);
            case "length":
                switch (random.Next(4))
                {
                    case 0: Set(order, "title", FuzzOrderSchema.Quote(Text(random.Next(51, 120)))); break;
                    case 1: Set(order, "tags", "[" + string.Join(",", Enumerable.Range(0, random.Next(6, 9)).Select(_ => "\"t\"")) + "]"); break;
                    case 2: Set(order, "tags", $"[\"ok\",{FuzzOrderSchema.Quote(Text(11))}]"); break;
                    default: Set(order, "address", """{"city":""}"""); break;
                }

                return Render(order);
            case "huge-title":
                Set(order, "title", "\"" + new string('t', (1 << 20) + random.Next(1_000)) + "\"");
                return Render(order);
            case "too-long":
                Set(order, "note", "\"" + new string('n', maxArgumentCharacters + random.Next(1, 1_000)) + "\"");
                return Render(order);
            case "deep-nesting":
                var depth = random.Next(100, 5_000);
                Set(order, "note", random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                return Render(order);
            case "nested-wrong-type":
                var shallow = random.Next(1, 30);
                Set(order, "note", new string('[', shallow) + "\"x\"" + new string(']', shallow));
                return Render(order);
            case "lone-surrogate":
                return LoneSurrogate(order);
            case "invalid-escape":
                Set(order, "note", "\"bad " + Pick("\\q", "\\x41", "\\u12", "\\u12G4", "\\'", "\\U0041", "\\", "\\0", "\\a") + " escape\"");
                return Render(order);
            case "control-character":
                Set(order, "note", "\"line" + (char)random.Next(0, 0x20) + "break\"");
                return Render(order);
            case "truncated":
                var whole = Render(order);
                return whole[..random.Next(1, whole.LastIndexOf('}'))];
            case "trailing-comma":
                var text = Render(order);
                return text[..text.LastIndexOf('}')] + ",}";
            case "nan":
                Set(order, "quantity", Pick("NaN", "Infinity", "-Infinity", "nan", "inf"));
                return Render(order);
            case "single-quotes":
                return Render(order).Replace('"', '\'');
            case "comment":
                var commented = Render(order);
                return "{/* order */" + commented[1..];
            case "duplicate-key":
                return DuplicateKey(order);
            case "empty":
                return Pick("", " ", "\n\t ");
            case "null-document":
                return "null";
            case "array-document":
                return Pick("[]", "[" + Render(order) + "]");
            case "scalar-document":
                return Pick("42", "\"ABC-123\"", "true", "false", "-0", "1e400", "\"{}\"");
            case "bad-number":
                Set(order, "quantity", Pick("07", "+5", ".5", "5.", "0x10", "1_0", "1e", "--1", "1.e3", "٣"));
                return Render(order);
            case "trailing-garbage":
                return Render(order) + Pick(" x", "}", "{}", "\n```", ",", " I hope this helps!");
            case "unicode-whitespace":
                var spaced = Render(order);
                return "{" + Pick("\u00A0", "\u2003", "\uFEFF", "\u3000") + spaced[1..];
            default:
                throw new InvalidOperationException(kind);
        }
    }

    private List<Field> ValidOrder()
    {
        var order = new List<Field>
        {
            new("sku", FuzzOrderSchema.Quote($"{Letters(3)}-{random.Next(0, 1_000):D3}")),
            new("quantity", random.Next(1, 101).ToString(CultureInfo.InvariantCulture)),
        };
        if (random.Next(2) == 0)
        {
            order.Add(new("discount", random.Next(0, 51).ToString(CultureInfo.InvariantCulture)));
        }

        if (random.Next(2) == 0)
        {
            order.Add(new("price", FuzzOrderSchema.Number(random.Next(1, 1_000_001) / 100m)));
        }

        if (random.Next(2) == 0)
        {
            order.Add(new("title", FuzzOrderSchema.Quote(Text(random.Next(0, 51)))));
        }

        if (random.Next(2) == 0)
        {
            order.Add(new("note", FuzzOrderSchema.Quote(Text(random.Next(0, 200)))));
        }

        if (random.Next(2) == 0)
        {
            order.Add(new("express", random.Next(2) == 0 ? "true" : "false"));
        }

        if (random.Next(2) == 0)
        {
            order.Add(new("tags", "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 6)).Select(_ => FuzzOrderSchema.Quote(Text(random.Next(0, 11))))) + "]"));
        }

        if (random.Next(2) == 0)
        {
            var zip = random.Next(2) == 0 ? $",\"zip\":\"{random.Next(0, 100_000):D5}\"" : string.Empty;
            order.Add(new("address", $"{{\"city\":{FuzzOrderSchema.Quote(Text(random.Next(1, 20)).Trim() is { Length: > 0 } c ? c : "Lyon")}{zip}}}"));
        }

        Shuffle(order);
        return order;
    }

    private List<Field> WrongType(List<Field> order)
    {
        var (field, value) = random.Next(12) switch
        {
            0 => ("sku", Pick("123", "true", "null", "[\"ABC-123\"]", "{\"a\":1}")),
            1 => ("quantity", Pick("\"3\"", "true", "null", "[3]", "{}", "\"\"")),
            2 => ("discount", Pick("\"5\"", "false", "[]")),
            3 => ("price", Pick("\"9.99\"", "null", "{\"amount\":1}")),
            4 => ("title", Pick("5", "true", "[\"a\"]", "null")),
            5 => ("note", Pick("0", "false", "{}", "null")),
            6 => ("express", Pick("\"true\"", "1", "0", "null", "\"yes\"")),
            7 => ("tags", Pick("\"a,b\"", "{}", "[1]", "[\"a\",null]", "[[\"a\"]]", "null")),
            8 => ("address", Pick("\"Paris\"", "[]", "null", "{\"city\":7}", "{\"city\":\"Lyon\",\"zip\":75001}")),
            9 => ("quantity", "3.5"),
            10 => ("discount", "2.25"),
            _ => ("express", "\"false\""),
        };
        Set(order, field, value);
        return order;
    }

    private List<Field> MissingRequired(List<Field> order)
    {
        switch (random.Next(4))
        {
            case 0: order.RemoveAll(f => f.Key == "sku"); break;
            case 1: order.RemoveAll(f => f.Key == "quantity"); break;
            case 2: order.RemoveAll(f => f.Key is "sku" or "quantity"); break;
            default: Set(order, "address", Pick("""{"zip":"12345"}""", "{}")); break;
        }

        return order;
    }

    private List<Field> ExtraProperty(List<Field> order)
    {
        if (random.Next(4) == 0)
        {
            Set(order, "address", """{"city":"Lyon","street":"1 rue de la Paix"}""");
        }
        else
        {
            var key = Pick("coupon", "Quantity", "SKU", "sku ", "", "__proto__", "quantity2", "$ref", "\\u0000");
            order.Insert(random.Next(order.Count + 1), new(key, Pick("\"X\"", "1", "null", "{}", "[]", "true")));
        }

        return order;
    }

    private List<Field> OutOfRange(List<Field> order)
    {
        switch (random.Next(3))
        {
            case 0: Set(order, "quantity", Pick("0", "-1", "101", "1000", "-0", "1e400", "-1e400", "2.5", "100.5", "0.5", "1e-400", "1e3", "-100")); break;
            case 1: Set(order, "discount", Pick("51", "-1", "-0.5", "1e3", "50.5", "1e400")); break;
            default: Set(order, "price", Pick("0", "-0", "-1", "10000.5", "1e400", "0e10", "-1e-7", "10001", "-0.0")); break;
        }

        return order;
    }

    private string LoneSurrogate(List<Field> order)
    {
        switch (random.Next(4))
        {
            case 0:
                Set(order, "note", "\"a" + Pick("\\ud800", "\\udc00", "\\ud800\\ud800", "\\udfff\\ud800", "\\uD83D", "\\ude00x", "\\ud83dA") + "b\"");
                return Render(order);
            case 1:
                order.Add(new(Pick("\\ud800", "x\\udbff"), "1"));
                return Render(order);
            case 2:
                Set(order, "note", "\"a" + (char)random.Next(0xD800, 0xE000) + "b\"");
                return Render(order);
            default:
                Set(order, "tags", "[\"ok\",\"\\ud800\"]");
                return Render(order);
        }
    }

    private string DuplicateKey(List<Field> order)
    {
        if (random.Next(4) == 0)
        {
            Set(order, "address", """{"city":"Lyon","city":"Lyon"}""");
            return Render(order);
        }

        var original = order[random.Next(order.Count)];
        var copy = random.Next(3) switch
        {
            0 => original,
            1 => original with { Key = string.Concat(original.Key.Select(c => $"\\u{(int)c:x4}")) },
            _ => original with { Value = original.Key == "quantity" ? "1" : original.Value },
        };
        order.Insert(random.Next(order.Count + 1), copy);
        return Render(order);
    }

    private string Render(List<Field> order, bool spaced = false)
    {
        var builder = new StringBuilder();
        builder.Append('{');
        for (var i = 0; i < order.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(Space(spaced)).Append(',');
            }

            builder.Append(Space(spaced)).Append('"').Append(order[i].Key).Append('"').Append(Space(spaced)).Append(':').Append(Space(spaced)).Append(order[i].Value);
        }

        return builder.Append(Space(spaced)).Append('}').ToString();
    }

    private string Space(bool spaced) => spaced ? Pick("", " ", "\n", "\t", "\r\n", "  \n    ") : string.Empty;

    private static void Set(List<Field> order, string key, string value)
    {
        var index = order.FindIndex(f => f.Key == key);
        if (index >= 0)
        {
            order[index] = new(key, value);
        }
        else
        {
            order.Add(new(key, value));
        }
    }

    private static void Rename(List<Field> order, string key, string quotedKey)
    {
        var index = order.FindIndex(f => f.Key == key);
        order[index] = order[index] with { Key = quotedKey[1..^1] };
    }

    private void Shuffle(List<Field> order)
    {
        for (var i = order.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('A' + random.Next(26))));

    private string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => Plain[random.Next(Plain.Length)]));

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    /// <summary>One property: the key as it appears between the quotes (escapes allowed), the value as raw JSON.</summary>
    private readonly record struct Field(string Key, string Value);
}

/// <summary>A generated payload and whether it satisfies the schema (known from how it was built).</summary>
internal sealed record Payload(string Kind, bool Valid, string Raw);
