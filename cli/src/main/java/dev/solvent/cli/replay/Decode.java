package dev.solvent.cli.replay;

import dev.solvent.model.config.ConfigException;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.math.BigInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reading located JSON values into the model's values. Every reader returns either the value or every problem found
 * in it, each with its line, its path and what would be valid, so a file's problems are all reported at once (vavr's
 * {@link Validation}).
 */
final class Decode {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+(_[0-9]+)*");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");
    private static final BigInteger U256_MAX = U256.MAX.toBigInteger();
    private static final BigInteger I256_MAX = I256.MAX.toBigInteger();
    private static final BigInteger I256_MIN = I256.MIN.toBigInteger();

    private Decode() {}

    /**
     * How to read one kind of value, and how to tell a person what a valid one looks like.
     *
     * @param valid what a valid value looks like, for messages ("a positive integer ...")
     * @param reader reads a node at a path
     */
    record Kind<T>(String valid, BiFunction<JsonValue, String, Validation<Seq<Problem>, T>> reader) {

        Validation<Seq<Problem>, T> read(JsonValue node, String path) {
            return reader.apply(node, path);
        }

        /** {@return the same kind, its values converted} */
        <U> Kind<U> map(Function<? super T, ? extends U> f) {
            return new Kind<>(valid, (n, p) -> read(n, p).map(f));
        }
    }

    // ---- results

    static <T> Validation<Seq<Problem>, T> ok(T value) {
        return Validation.valid(value);
    }

    static <T> Validation<Seq<Problem>, T> fail(JsonValue at, String path, String message) {
        return Validation.invalid(List.of(Problem.at(at.line(), path, message)));
    }

    static <T> Validation<Seq<Problem>, T> invalid(JsonValue at, String path, String what, String valid) {
        return fail(at, path, at.shown() + " " + what + "; valid: " + valid);
    }

    /** {@return the problems of a {@code combine(...).ap(...)}, flattened} */
    static <T> Validation<Seq<Problem>, T> flat(Validation<Seq<Seq<Problem>>, T> v) {
        return v.mapError(nested -> nested.flatMap(Function.identity()));
    }

    /** {@return nothing if every part is valid, else all of their problems} */
    static Validation<Seq<Problem>, Boolean> all(Seq<? extends Validation<Seq<Problem>, ?>> parts) {
        Seq<Problem> problems = parts.filter(Validation::isInvalid).flatMap(Validation::getError);
        return problems.isEmpty() ? ok(true) : Validation.invalid(problems);
    }

    /** {@return the value of a {@code combine(...).ap(...)} whose function itself validates, problems flattened} */
    static <T> Validation<Seq<Problem>, T> join(Validation<Seq<Seq<Problem>>, Validation<Seq<Problem>, T>> v) {
        return flat(v).flatMap(Function.identity());
    }

    /**
     * {@return the model's value, or the problems its constructor found} The model's configuration records check their
     * ranges when built and name each bad field by its path (such as {@code markets.ETH-PERP.takerFee: ...}); the
     * path finds the line in {@code root}.
     */
    static <T> Validation<Seq<Problem>, T> model(JsonValue root, Supplier<T> build) {
        try {
            return ok(build.get());
        } catch (ConfigException e) {
            return Validation.invalid(e.problems().map(m -> fromModel(root, m)));
        } catch (IllegalArgumentException e) {
            // a policy value lists its problems one a line
            return Validation.invalid(List.of(e.getMessage().split("\n")).map(m -> fromModel(root, m)));
        }
    }

    private static Problem fromModel(JsonValue root, String message) {
        int colon = message.indexOf(": ");
        String path = colon < 0 ? "" : message.substring(0, colon);
        if (path.contains(" ")) {
            return Problem.at(0, "", message);
        }
        return Problem.at(root.lineOf(path), path, message.substring(colon + 2));
    }

    /** {@return a map key that names something (an account, an asset, a market): non-blank, no surrounding spaces} */
    static Validation<Seq<Problem>, String> key(String key, JsonValue value, String path, String valid) {
        return key.isBlank() || !key.equals(key.strip())
                ? fail(value, path, "the key \"" + key + "\" is blank or has surrounding spaces; valid: " + valid)
                : ok(key);
    }

    // ---- paths

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    // ---- objects and fields

    /**
     * {@return the node as an object, decoded by {@code fields}, whose fields are all among {@code allowed}} Each
     * unknown field is a problem naming the valid ones, since a misspelt optional field would otherwise be silently
     * ignored; it is reported together with the problems of the known fields.
     */
    static <T> Validation<Seq<Problem>, T> object(
            JsonValue node,
            String path,
            String valid,
            Set<String> allowed,
            Function<JsonValue.Obj, Validation<Seq<Problem>, T>> fields) {
        if (!(node instanceof JsonValue.Obj o)) {
            return invalid(node, path, "is not an object", valid);
        }
        Validation<Seq<Problem>, Boolean> unknown = unknown(o, path, allowed);
        Validation<Seq<Problem>, T> decoded = fields.apply(o);
        return flat(Validation.combine(unknown, decoded).ap((x, v) -> v));
    }

    /** {@return nothing if every field of {@code o} is among {@code allowed}, else a problem for each other one} */
    static Validation<Seq<Problem>, Boolean> unknown(JsonValue.Obj o, String path, Set<String> allowed) {
        Seq<Problem> unknown = o.fields()
                .filterKeys(k -> !allowed.contains(k))
                .map(e -> Problem.at(
                        e._2.line(),
                        child(path, e._1),
                        "is not a known field; valid fields here: " + allowed.mkString(", ")))
                .toList();
        return unknown.isEmpty() ? ok(true) : Validation.invalid(unknown);
    }

    /** {@return the node as an object of any fields, such as a map keyed by names} */
    static Validation<Seq<Problem>, JsonValue.Obj> map(JsonValue node, String path, String valid) {
        return node instanceof JsonValue.Obj o ? ok(o) : invalid(node, path, "is not an object", valid);
    }

    /** {@return the field read as {@code kind}, or a problem saying it is missing and what it should be} */
    static <T> Validation<Seq<Problem>, T> required(JsonValue.Obj o, String path, String name, Kind<T> kind) {
        return o.get(name)
                .map(n -> kind.read(n, child(path, name)))
                .getOrElse(() -> fail(o, child(path, name), "is missing; valid: " + kind.valid()));
    }

    /** {@return the field read as {@code kind}, or {@code otherwise} when it is absent} */
    static <T> Validation<Seq<Problem>, T> optional(
            JsonValue.Obj o, String path, String name, Kind<T> kind, T otherwise) {
        return o.get(name).map(n -> kind.read(n, child(path, name))).getOrElse(() -> ok(otherwise));
    }

    /** {@return the field read as {@code kind} if present} */
    static <T> Validation<Seq<Problem>, Option<T>> optional(JsonValue.Obj o, String path, String name, Kind<T> kind) {
        return o.get(name)
                .map(n -> kind.read(n, child(path, name)).map(Option::some))
                .getOrElse(() -> ok(Option.none()));
    }

    // ---- kinds

    /** Any string. */
    static final Kind<String> TEXT = new Kind<>(
            "a string",
            (n, path) ->
                    n instanceof JsonValue.Str s ? ok(s.value()) : invalid(n, path, "is not a string", "a string"));

    /** A name: an account, asset, market or oracle key. */
    static Kind<String> name(String valid) {
        return new Kind<>(valid, (n, path) -> {
            if (!(n instanceof JsonValue.Str s)) {
                return invalid(n, path, "is not a string", valid);
            }
            String v = s.value();
            if (v.isBlank() || !v.equals(v.strip())) {
                return invalid(n, path, "is blank or has surrounding spaces", valid);
            }
            return ok(v);
        });
    }

    /** An account id. */
    static final Kind<AccountId> ACCOUNT =
            name("an account name such as \"alice\"").map(AccountId::of);

    /** {@code true} or {@code false}. */
    static final Kind<Boolean> BOOLEAN = new Kind<>(
            "true or false",
            (n, path) -> n instanceof JsonValue.Bool b
                    ? ok(b.value())
                    : invalid(n, path, "is not a boolean", "true or false"));

    private static final String RATIO_VALID = "a decimal such as \"0.05\", at most 18 decimal places";

    /** A ratio as an exact decimal, such as {@code "0.05"}, parsed into a WAD by the model's {@link Wad#parse}. */
    static final Kind<Wad> RATIO = new Kind<>(RATIO_VALID, (n, path) -> {
        Option<String> text = scalarText(n);
        if (text.isEmpty()) {
            return invalid(n, path, "is not a decimal", RATIO_VALID);
        }
        try {
            return ok(Wad.parse(text.get()));
        } catch (NumberFormatException e) {
            return invalid(n, path, "is not a decimal", RATIO_VALID);
        }
    });

    /** A whole number such as a timestamp, a block number, a count of seconds or gas, that fits in a {@code long}. */
    static Kind<Long> whole(String valid, long min) {
        return new Kind<>(
                valid,
                (n, path) -> integer(n, path, valid, Option.none())
                        .flatMap(v -> v.bitLength() > 63
                                ? invalid(n, path, "is too large", valid)
                                : v.longValue() < min ? invalid(n, path, "is too small", valid) : ok(v.longValue())));
    }

    /** A count of decimals, {@code 0..36}. */
    static final Kind<Integer> DECIMALS = new Kind<>(
            "a whole number from 0 to 36",
            (n, path) -> whole("a whole number from 0 to 36", 0)
                    .read(n, path)
                    .flatMap(v -> v > 36 ? invalid(n, path, "is too large", "a whole number from 0 to 36") : ok(v))
                    .map(Long::intValue));

    /**
     * An amount in base units, such as {@code "1500000"}: positive, or also zero when {@code allowZero}. {@code unit},
     * when known, names the token in the message and turns a decimal amount written by mistake into a hint.
     */
    static Kind<U256> amount(Option<Unit> unit, boolean allowZero) {
        String valid = (allowZero ? "an integer >= 0" : "a positive integer") + " in base units"
                + unit.map(u -> " of " + u.name() + " (" + u.decimals() + " decimals)")
                        .getOrElse("")
                + ", such as \"1000000\"";
        return new Kind<>(
                valid,
                (n, path) -> integer(n, path, valid, unit).flatMap(v -> {
                    if (v.signum() < 0 || (v.signum() == 0 && !allowZero)) {
                        return invalid(n, path, v.signum() == 0 ? "is zero" : "is negative", valid);
                    }
                    if (v.compareTo(U256_MAX) > 0) {
                        return invalid(n, path, "is larger than 2^256 - 1", valid);
                    }
                    return ok(U256.of(v));
                }));
    }

    /** A signed integer such as a position size (base units) or a price (the feed's decimals). */
    static Kind<I256> signed(String valid, boolean allowZero, boolean allowNegative, Option<Unit> unit) {
        return new Kind<>(
                valid,
                (n, path) -> integer(n, path, valid, unit).flatMap(v -> {
                    if (!allowZero && v.signum() == 0) {
                        return invalid(n, path, "is zero", valid);
                    }
                    if (!allowNegative && v.signum() < 0) {
                        return invalid(n, path, "is negative", valid);
                    }
                    if (v.compareTo(I256_MAX) > 0 || v.compareTo(I256_MIN) < 0) {
                        return invalid(n, path, "is outside the int256 range", valid);
                    }
                    return ok(I256.of(v));
                }));
    }

    /**
     * The decimals of a token, to turn a decimal amount that a person wrote by mistake into a hint with its base units.
     *
     * @param name the token, such as {@code USDC}
     * @param decimals its decimals
     */
    record Unit(String name, int decimals) {}

    /** Reads an integer written as a JSON integer or as a string of digits, with optional {@code _} separators. */
    private static Validation<Seq<Problem>, BigInteger> integer(
            JsonValue n, String path, String valid, Option<Unit> unit) {
        Option<String> scalar = scalarText(n);
        if (scalar.isEmpty()) {
            return invalid(n, path, "is not an integer", valid);
        }
        String text = scalar.get();
        if (!INTEGER.matcher(text).matches()) {
            String hint = unit.flatMap(u -> baseUnits(text, u)
                            .map(b -> "; " + text + " " + u.name() + " is \"" + b + "\" in base units"))
                    .getOrElse("");
            return invalid(n, path, "is not an integer", valid + hint);
        }
        return ok(new BigInteger(text.replace("_", "")));
    }

    /** {@return the text of a string or a number as written; numbers may be written either way} */
    private static Option<String> scalarText(JsonValue n) {
        return switch (n) {
            case JsonValue.Str s -> Option.some(s.value());
            case JsonValue.Num num -> Option.some(num.text());
            case JsonValue.Obj o -> Option.none();
            case JsonValue.Arr a -> Option.none();
            case JsonValue.Bool b -> Option.none();
            case JsonValue.Null x -> Option.none();
        };
    }

    /** {@return a decimal amount of whole tokens in base units, if it has no more decimals than the token} */
    static Option<String> baseUnits(String decimal, Unit unit) {
        if (!DECIMAL.matcher(decimal).matches()) {
            return Option.none();
        }
        int dot = decimal.indexOf('.');
        String fraction = decimal.substring(dot + 1);
        if (fraction.length() > unit.decimals()) {
            return Option.none();
        }
        String digits = decimal.substring(0, dot) + fraction + "0".repeat(unit.decimals() - fraction.length());
        return Option.some(new BigInteger(digits).toString());
    }
}
