package dev.solvent.cli.replay;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON file into a {@link Node} tree that remembers lines, with Jackson's streaming parser. Duplicate keys are
 * an error (a second value silently winning is how typos hide), and so is anything after the first value.
 */
final class JsonFile {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonFile() {}

    /** {@return the file's tree, or the one problem that stops it from being read} */
    static Either<Problem, Node> read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return Either.left(new Problem(name, 0, "", "is a directory, not a JSON file"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Either.left(new Problem(name, 0, "", "file not found"));
        } catch (AccessDeniedException e) {
            return Either.left(new Problem(name, 0, "", "cannot be read: permission denied"));
        } catch (IOException e) {
            return Either.left(new Problem(name, 0, "", "cannot be read: " + e.getMessage()));
        }
        return parse(bytes).mapLeft(p -> p.inFile(name));
    }

    /** {@return the tree of a JSON text, or where and why it is malformed} */
    static Either<Problem, Node> parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() == null) {
                return Either.left(Problem.at(0, "", "is empty; valid: a JSON document"));
            }
            Node root = node(p);
            if (p.nextToken() != null) {
                return Either.left(Problem.at(
                        line(p.currentTokenLocation()),
                        "",
                        "malformed JSON: more content after the end of the document"));
            }
            return Either.right(root);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : line(e.getLocation());
            return Either.left(Problem.at(line, "", "malformed JSON: " + e.getOriginalMessage()));
        }
    }

    private static Node node(JsonParser p) {
        int line = line(p.currentTokenLocation());
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, Node> fields = LinkedHashMap.empty();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields = fields.put(name, node(p));
                }
                yield new Node.Obj(line, fields);
            }
            case START_ARRAY -> {
                Vector<Node> items = Vector.empty();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items = items.append(node(p));
                }
                yield new Node.Arr(line, items);
            }
            case VALUE_STRING -> new Node.Str(line, p.getString());
            // the number's text as written: nothing here ever goes through a double
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.Num(line, p.getString());
            case VALUE_TRUE -> new Node.Bool(line, true);
            case VALUE_FALSE -> new Node.Bool(line, false);
            case VALUE_NULL -> new Node.Null(line);
            default -> throw new IllegalStateException("unexpected JSON token " + token + " at line " + line);
        };
    }

    private static int line(TokenStreamLocation location) {
        return Math.max(location.getLineNr(), 0);
    }
}
