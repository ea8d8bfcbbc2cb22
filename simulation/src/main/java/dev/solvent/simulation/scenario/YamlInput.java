package dev.solvent.simulation.scenario;

import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads the YAML files a person writes (scenarios and sweeps) into a tree, within {@link InputFile}'s limits and
 * without the YAML features that would let a file mean something other than it shows:
 *
 * <ul>
 *   <li>a key given twice in a mapping is refused (YAML would keep the last silently), with both lines;
 *   <li>aliases ({@code *name}, and so merge keys {@code <<: *name}) are refused: an alias would otherwise read as the
 *       plain text of its name, and refusing them keeps a file that expands to something huge (a "billion laughs") as
 *       cheap as any other; anchors ({@code &name}) alone are harmless and allowed;
 *   <li>a string value or key longer than {@link InputFile#MAX_SCALAR_CHARS} characters is refused.
 * </ul>
 *
 * <p>Parsing is linear in the text: SnakeYAML's reader copies the part of its window it has not consumed on every
 * refill, which is quadratic in the length of one token when the window is small (its default is 1,024 characters: a
 * 5 MB quoted value took seconds), so the reader's buffer here holds the whole text and is filled once.
 *
 * <p>Every problem is a line {@code FILE:LINE: path: what is wrong; valid: what would be}; the text is checked in a
 * first pass over its tokens, so that the tree is built only from a text that has none of these problems.
 */
public final class YamlInput {

    /** A text of up to this many characters is read with the shared parser; a longer one with one of its own. */
    private static final int BUFFER = 1 << 16;

    /** The most problems listed for one file: a file with thousands of aliases is understood from its first few. */
    private static final int MAX_PROBLEMS = 20;

    private static final YAMLMapper SHARED = mapper(BUFFER);

    private YamlInput() {}

    /**
     * {@return a scenario or sweep file's text} @throws ScenarioException naming the file and why it cannot be read:
     * missing, a directory, larger than {@link InputFile#MAX_YAML_BYTES}, or not UTF-8 text
     *
     * @param kind {@code "scenario"} or {@code "sweep"}, for the messages
     */
    public static String readText(Path file, String kind) {
        String valid = "a " + kind + " YAML file";
        String named = shownPath(file.toString());
        try {
            if (Files.isDirectory(file)) {
                throw problem(named + ": is a directory; valid: " + valid);
            }
            Either<String, String> text = InputFile.bytes(file, InputFile.MAX_YAML_BYTES, kind + " file")
                    .flatMap(bytes -> InputFile.utf8(bytes).mapLeft(m -> m + "; valid: " + valid + " in UTF-8"));
            if (text.isLeft()) {
                throw problem(named + ": " + text.getLeft());
            }
            return text.get();
        } catch (NoSuchFileException e) {
            throw problem(named + ": file not found; valid: "
                    + ("scenario".equals(kind) ? valid + " or a bundled name (solvent scenarios)" : valid));
        } catch (AccessDeniedException e) {
            throw problem(named + ": cannot be read: permission denied");
        } catch (FileSystemException e) {
            // the reason alone: the exception's message repeats the path, which may be thousands of characters
            throw problem(named + ": cannot be read: " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw problem(named + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * {@return a path or name as a message shows it} As it is up to {@value #SHOWN_PATH} characters, so that the
     * usual messages name a file plainly; longer, quoted and cut with its length, so that a problem stays one line of
     * a readable length.
     */
    public static String shownPath(String path) {
        return path.length() <= SHOWN_PATH ? path : quoted(path);
    }

    /** The longest path a message shows whole. */
    static final int SHOWN_PATH = 400;

    /**
     * {@return the tree of a YAML text} @throws ScenarioException naming every duplicate key, alias and overlong
     * scalar with its line and path, or where the text is malformed
     *
     * @param source how to name the text in messages (its file or bundled name)
     */
    public static JsonNode tree(String source, String yaml) {
        if (yaml.length() > InputFile.MAX_YAML_BYTES) {
            throw problem(String.format(
                    Locale.ROOT,
                    "%s: is %,d characters long; the limit for a YAML file is %s",
                    source,
                    yaml.length(),
                    InputFile.mebibytes(InputFile.MAX_YAML_BYTES)));
        }
        YAMLMapper mapper = yaml.length() < BUFFER ? SHARED : mapper(yaml.length() + 1);
        List<String> problems = check(mapper, source, yaml);
        if (!problems.isEmpty()) {
            throw new ScenarioException(Vector.ofAll(problems));
        }
        try {
            return mapper.readTree(yaml);
        } catch (JacksonException e) {
            throw problem(malformed(source, e, null));
        }
    }

    /**
     * A mapper whose reader takes {@code buffer} characters at a time, with SnakeYAML's limit on a document's length
     * (3 MiB code points by default) raised to the file limit, which {@link #tree} checks first. Duplicate keys are
     * allowed here because the first pass reports them, with both lines (settings that disallow them make Jackson's
     * parser fail at the second key, with its line alone).
     */
    private static YAMLMapper mapper(int buffer) {
        LoadSettings settings = LoadSettings.builder()
                .setBufferSize(buffer)
                .setCodePointLimit((int) InputFile.MAX_YAML_BYTES + 1)
                .setAllowDuplicateKeys(true)
                .build();
        return YAMLMapper.builder(YAMLFactory.builder().loadSettings(settings).build())
                .build();
    }

    /** {@return the problems of a text's tokens: duplicate keys, aliases, overlong scalars; or where it is malformed} */
    private static List<String> check(YAMLMapper mapper, String source, String yaml) {
        List<String> problems = new ArrayList<>();
        // the keys of every mapping being read, with the line each was first given on (lists hold an empty one)
        Deque<Map<String, Integer>> keys = new ArrayDeque<>();
        JsonParser p = mapper.createParser(yaml);
        try (p) {
            JsonToken t;
            while (problems.size() < MAX_PROBLEMS && (t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> keys.push(new HashMap<>());
                    case END_OBJECT, END_ARRAY -> keys.pop();
                    case PROPERTY_NAME -> {
                        String name = p.currentName();
                        int line = line(p);
                        if (name.length() > InputFile.MAX_SCALAR_CHARS) {
                            problems.add(at(source, line, p) + InputFile.scalarTooLong(name.length(), "key"));
                            continue;
                        }
                        Integer first = keys.isEmpty() ? null : keys.peek().putIfAbsent(name, line);
                        if (first != null) {
                            problems.add(at(source, line, p) + "duplicate key (first on line " + first
                                    + "); valid: each key once in a mapping");
                        }
                    }
                    default -> {
                        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                            problems.add(at(source, line(p), p) + "*" + p.getString()
                                    + " is an alias; YAML aliases are not supported; valid: the value written out in"
                                    + " full");
                        } else if (t == JsonToken.VALUE_STRING && p.getString().length() > InputFile.MAX_SCALAR_CHARS) {
                            problems.add(at(source, line(p), p)
                                    + InputFile.scalarTooLong(p.getString().length(), "value"));
                        } else if (t.isNumeric()) {
                            p.getNumberValue(); // Jackson checks a number's length when it is read: here, at its line
                        }
                    }
                }
            }
        } catch (JacksonException e) {
            problems.add(malformed(source, e, p));
        }
        return problems;
    }

    private static int line(JsonParser p) {
        return Math.max(p.currentTokenLocation().getLineNr(), 0);
    }

    /** {@return {@code "FILE:LINE: path: "} for the parser's current token, its path dotted as in overrides} */
    private static String at(String source, int line, JsonParser p) {
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext c = p.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.addFirst(c.currentName());
            } else if (c.inArray()) {
                parts.addFirst(Integer.toString(c.getCurrentIndex()));
            }
        }
        String path = String.join(".", parts);
        return source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ");
    }

    /**
     * {@return one line for a text the parser cannot read: {@code FILE:LINE: malformed YAML: what}} SnakeYAML's
     * message spans lines (the context, its place, an excerpt of the line, the problem, its place); the places are
     * the line already given, and an excerpt of a long line would be long, so only the context and the problem stay.
     */
    private static String malformed(String source, JacksonException e, JsonParser p) {
        // a limit of Jackson's (a number's length, the nesting depth) comes without a place: the parser's is the one
        TokenStreamLocation where = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
        int line = where == null ? 0 : Math.max(where.getLineNr(), 0);
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            // such as "Number value length (1200) exceeds the maximum allowed (1000, from `StreamReadConstraints...`)"
            return source + ":" + line + ": " + message.replaceAll(", from `[^`]*`", "");
        }
        String oneLine = message.lines()
                .filter(l -> !l.isBlank()
                        && !l.startsWith(" in ")
                        && !l.startsWith("    ")
                        && !l.strip().equals("^"))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        return source + ":" + line + ": malformed YAML: " + (oneLine.isEmpty() ? message.strip() : oneLine);
    }

    /**
     * {@return a value as a message shows it: in quotes, on one line, and cut with its length when it is long} So that
     * a problem is always one line of a readable length, whatever the file holds.
     */
    public static String quoted(String value) {
        return Fields.quote(value);
    }

    private static ScenarioException problem(String message) {
        return new ScenarioException(Vector.of(message));
    }
}
