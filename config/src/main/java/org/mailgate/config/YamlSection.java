package org.mailgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A typed view of one YAML mapping that remembers where every value came from. Readers ask
 * for keys with a default; wrong types become {@link ConfigException.Problem}s carrying the
 * file, line and full key, and reading goes on so that one run reports every mistake.
 * {@link #finish()} reports keys nobody asked for (usually typos).
 */
public final class YamlSection {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final String path;
    private final int line;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    /** Keys readers asked for, to suggest one for a typo. */
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigException.Problem> problems;
    private final Function<String, String> environment;

    YamlSection(String file, String path, Node node, List<ConfigException.Problem> problems,
            Function<String, String> environment) {
        this.file = file;
        this.path = path;
        this.problems = problems;
        this.environment = environment;
        this.line = node == null ? 0 : node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) {
                    problem(tuple.getKeyNode(), path, "keys must be plain words");
                } else if (entries.containsKey(key)) {
                    problem(tuple.getKeyNode(), key(key), "is given twice (first on line "
                            + (entries.get(key).getKeyNode().getStartMark().getLine() + 1) + ")");
                } else {
                    entries.put(key, tuple);
                }
            }
        } else if (node != null && !isNull(node)) {
            problem(node, path, "expected a mapping of keys to values");
        }
    }

    /** The dotted key of an entry in this section, as written in messages. */
    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public String file() {
        return file;
    }

    public boolean has(String name) {
        return entries.containsKey(name) && !isNull(entries.get(name).getValueNode());
    }

    /** Line of the key in the file, or of this section when the key is absent. */
    public int lineOf(String name) {
        NodeTuple t = entries.get(name);
        return t == null ? line : t.getKeyNode().getStartMark().getLine() + 1;
    }

    public void problem(String name, String message) {
        problems.add(new ConfigException.Problem(file, lineOf(name), key(name), message));
    }

    public YamlSection section(String name) {
        Node node = valueNode(name);
        return new YamlSection(file, key(name), node, problems, environment);
    }

    public String string(String name, String fallback) {
        Node node = valueNode(name);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, key(name), "expected a single value");
            return fallback;
        }
        return substitute(name, scalar);
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(string(name, null));
    }

    public int integer(String name, int fallback, int min, int max) {
        long value = number(name, fallback, min, max);
        return (int) value;
    }

    public long number(String name, long fallback, long min, long max) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = parseSize(text);
        } catch (IllegalArgumentException e) {
            problem(name, "'" + text + "' is not a whole number");
            return fallback;
        }
        if (value < min || value > max) {
            problem(name, value + " is outside the allowed range " + min + ".." + max);
            return fallback;
        }
        return value;
    }

    public boolean bool(String name, boolean fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                problem(name, "'" + text + "' is not true or false");
                return fallback;
        }
    }

    public Duration duration(String name, Duration fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage());
            return fallback;
        }
    }

    /** Reads a value with a parser that throws {@link IllegalArgumentException} on bad input. */
    public <T> T value(String name, T fallback, Function<String, T> parser) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage());
            return fallback;
        }
    }

    public List<String> strings(String name, List<String> fallback) {
        Node node = valueNode(name);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ScalarNode scalar) {
            return List.of(substitute(name, scalar));
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, key(name), "expected a list, e.g. [a, b]");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(substitute(name, s));
            } else {
                problem(item, key(name), "list items must be single values");
            }
        }
        return List.copyOf(out);
    }

    /** Reads a list, parsing each item and reporting bad items on their own line. */
    public <T> List<T> list(String name, List<T> fallback, Function<String, T> parser) {
        Node node = valueNode(name);
        if (node == null) {
            return fallback;
        }
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<T> out = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s)) {
                problem(item, key(name), "list items must be single values");
                continue;
            }
            try {
                out.add(parser.apply(substitute(name, s)));
            } catch (IllegalArgumentException e) {
                problem(item, key(name), e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** A list of mappings, such as a list of users. */
    public List<YamlSection> sections(String name) {
        Node node = valueNode(name);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, key(name), "expected a list of entries, each starting with '- '");
            return List.of();
        }
        List<YamlSection> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            out.add(new YamlSection(file, key(name) + "[" + i++ + "]", item, problems, environment));
        }
        return out;
    }

    /** A mapping whose keys are data (such as domain names), each with a section as value. */
    public Map<String, YamlSection> sectionMap(String name) {
        YamlSection inner = section(name);
        Map<String, YamlSection> out = new LinkedHashMap<>();
        for (String k : inner.entries.keySet()) {
            out.put(k, inner.section(k));
        }
        return out;
    }

    /**
     * A mapping whose keys and values are both data, each value one item or a list, such as
     * {@code managers: {boss@example.org: [a@example.org, b@example.org]}}. Keys and items
     * go through {@code parser}; bad ones are reported on their own line and left out.
     */
    public Map<String, List<String>> listMap(String name, Function<String, String> parser) {
        YamlSection inner = section(name);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : inner.entries.keySet()) {
            List<String> values = inner.list(k, List.of(), parser);
            try {
                out.merge(parser.apply(k), values, (a, b) -> List.copyOf(new LinkedHashSet<>(
                        java.util.stream.Stream.concat(a.stream(), b.stream()).toList())));
            } catch (IllegalArgumentException e) {
                inner.problem(k, e.getMessage());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Reads a document that is a list of mappings (a data file such as the leave schedule,
     * not the configuration): one section per entry, whose problems carry {@code file} and
     * the line. {@code ${...}} is kept as written. A document that is not YAML at all throws
     * {@link ConfigException}, so that the caller can keep what it had.
     */
    public static List<YamlSection> listDocument(String yaml, String file, List<ConfigException.Problem> problems) {
        Node root = ConfigLoader.compose(yaml, file);
        if (root == null || isNull(root)) {
            return List.of();
        }
        if (!(root instanceof SequenceNode seq)) {
            throw new ConfigException(new ConfigException.Problem(file, root.getStartMark().getLine() + 1, "",
                    "expected a list of entries, each starting with '- '"));
        }
        List<YamlSection> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(new YamlSection(file, "", item, problems, variable -> "${" + variable + "}"));
        }
        return out;
    }

    /** Line of this section in its file (0 if unknown). */
    public int line() {
        return line;
    }

    /** Reports keys that no reader asked for; call after reading a section. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!used.contains(e.getKey())) {
                String hint = closest(e.getKey());
                problem(e.getValue().getKeyNode(), key(e.getKey()),
                        "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
    }

    private String closest(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(unknown, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private Node valueNode(String name) {
        used.add(name);
        known.add(name);
        NodeTuple tuple = entries.get(name);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return null;
        }
        return tuple.getValueNode();
    }

    private String substitute(String name, ScalarNode scalar) {
        String value = scalar.getValue();
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String env = environment.apply(m.group(1));
            if (env == null) {
                problem(scalar, key(name), "environment variable " + m.group(1) + " is not set");
                env = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(env));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void problem(Node node, String key, String message) {
        problems.add(new ConfigException.Problem(file, node.getStartMark().getLine() + 1, key, message));
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    /** Parses 90s, 5m, 2h, 7d, 250ms, or ISO-8601 (PT5M). */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 30s, 5m, 2h, 7d)");
        }
    }

    /** Parses a whole number with an optional size suffix: 512, 64k, 50MB, 1GiB. */
    static long parseSize(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE).matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n * 1024;
            case "m" -> n * 1024 * 1024;
            case "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
