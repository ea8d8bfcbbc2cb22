package dev.solvent.cli.replay;

import dev.solvent.simulation.scenario.InputFile;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON file into a {@link JsonValue} tree that remembers lines, with Jackson's streaming parser. Duplicate keys are
 * an error (a second value silently winning is how typos hide), and so is anything after the first value.
 *
 * <p>A file is read within its {@link Limit} (its size is checked before it is read) and a string value within
 * {@link InputFile#MAX_SCALAR_CHARS} characters; a file that is not UTF-8 text is told as such rather than as
 * malformed JSON.
 */
final class JsonFile {

    /**
     * The kinds of JSON files and the most bytes each may have: far above what Solvent ships and writes (the examples
     * are a few KB; the transaction file {@code solvent run --check-invariants} writes for a whole run of the default
     * scenario is about 35 MB).
     *
     * @param what the file's kind, for messages
     * @param bytes the most bytes it may have
     */
    record Limit(String what, long bytes) {

        /** A replay state file: 16 MiB. */
        static final Limit STATE = new Limit("state file", 16L << 20);

        /** A replay transaction file: 256 MiB. */
        static final Limit TRANSACTIONS = new Limit("transaction file", 256L << 20);

        /** A claim file for {@code solvent check} (it may hold a state inline): 16 MiB. */
        static final Limit CLAIM = new Limit("claim file", 16L << 20);
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonFile() {}

    /** {@return the file's tree, or the one problem that stops it from being read} */
    static Either<Problem, JsonValue> read(Path file, Limit limit) {
        String name = file.toString();
        Either<String, byte[]> bytes;
        try {
            if (Files.isDirectory(file)) {
                return Either.left(new Problem(name, 0, "", "is a directory, not a JSON file"));
            }
            bytes = InputFile.bytes(file, limit.bytes(), limit.what());
        } catch (NoSuchFileException e) {
            return Either.left(new Problem(name, 0, "", "file not found"));
        } catch (AccessDeniedException e) {
            return Either.left(new Problem(name, 0, "", "cannot be read: permission denied"));
        } catch (IOException e) {
            return Either.left(new Problem(name, 0, "", "cannot be read: " + e.getMessage()));
        }
        if (bytes.isLeft()) {
            return Either.left(new Problem(name, 0, "", bytes.getLeft()));
        }
        return parse(bytes.get()).mapLeft(p -> p.inFile(name));
    }

    /** {@return the tree of a JSON text, or where and why it is malformed} */
    static Either<Problem, JsonValue> parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() == null) {
                return Either.left(Problem.at(0, "", "is empty; valid: a JSON document"));
            }
            JsonValue root = node(p);
            if (p.nextToken() != null) {
                return Either.left(Problem.at(
                        line(p.currentTokenLocation()),
                        "",
                        "malformed JSON: more content after the end of the document"));
            }
            return Either.right(root);
        } catch (TooLong e) {
            return Either.left(e.problem);
        } catch (JacksonException e) {
            // a binary file, or text in another encoding, is told as such rather than by the character it stops at
            Optional<String> notText = InputFile.notUtf8(json);
            if (notText.isPresent()) {
                return Either.left(Problem.at(0, "", notText.get() + "; valid: a JSON file in UTF-8"));
            }
            int line = e.getLocation() == null ? 0 : line(e.getLocation());
            if (e instanceof StreamConstraintsException) {
                // such as "Number value length (1200) exceeds the maximum allowed (1000)", without Jackson's method
                return Either.left(Problem.at(line, "", e.getOriginalMessage().replaceAll(", from `[^`]*`", "")));
            }
            return Either.left(Problem.at(line, "", "malformed JSON: " + e.getOriginalMessage()));
        }
    }

    /** A string past {@link InputFile#MAX_SCALAR_CHARS}: the reading stops there. */
    private static final class TooLong extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        TooLong(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private static JsonValue node(JsonParser p) {
        int line = line(p.currentTokenLocation());
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, JsonValue> fields = LinkedHashMap.empty();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields = fields.put(name, node(p));
                }
                yield new JsonValue.Obj(line, fields);
            }
            case START_ARRAY -> {
                Vector<JsonValue> items = Vector.empty();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items = items.append(node(p));
                }
                yield new JsonValue.Arr(line, items);
            }
            case VALUE_STRING -> {
                String value = p.getString();
                if (value.length() > InputFile.MAX_SCALAR_CHARS) {
                    throw new TooLong(Problem.at(
                            line, path(p.streamReadContext()), InputFile.scalarTooLong(value.length(), "string")));
                }
                yield new JsonValue.Str(line, value);
            }
            // the number's text as written: nothing here ever goes through a double
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonValue.Num(line, p.getString());
            case VALUE_TRUE -> new JsonValue.Bool(line, true);
            case VALUE_FALSE -> new JsonValue.Bool(line, false);
            case VALUE_NULL -> new JsonValue.Null(line);
            default -> throw new IllegalStateException("unexpected JSON token " + token + " at line " + line);
        };
    }

    /** {@return the path of the parser's current value, as {@link Decode} writes paths: {@code [0].tx.amount}} */
    private static String path(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        return context.inArray()
                ? Decode.index(parent, context.getCurrentIndex())
                : Decode.child(parent, context.currentName());
    }

    private static int line(TokenStreamLocation location) {
        return Math.max(location.getLineNr(), 0);
    }
}
