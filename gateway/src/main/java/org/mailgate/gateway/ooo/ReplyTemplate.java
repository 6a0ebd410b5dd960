package org.mailgate.gateway.ooo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.config.ConfigException;

/**
 * The words of an out-of-office reply ({@code leave.reply_template}): plain text with
 * placeholders such as {returning}, optionally followed by an HTML version starting at a
 * line that begins with {@code <html} or {@code <!doctype}. Unknown placeholders stop start-up
 * with file:line, so a typo never reaches a sender as "{retuning}".
 */
final class ReplyTemplate {

    static final Set<String> PLACEHOLDERS = Set.of("name", "address", "first_day", "last_day", "returning",
            "alternative_contact", "message");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern HTML_START = Pattern.compile("(?im)^\\s*<(html|!doctype)");

    static final String DEFAULT_TEXT = """
            Hello,

            Thank you for your email. I am away at the moment and will be back on {returning}.

            {message}

            If it cannot wait until then, please contact {alternative_contact}.

            Your email has been delivered to me and I will see it when I am back.

            {name}

            This is an automatic reply.
            """;

    private final String text;
    private final Optional<String> html;

    private ReplyTemplate(String text, Optional<String> html) {
        this.text = text;
        this.html = html;
    }

    static ReplyTemplate defaults() {
        return new ReplyTemplate(DEFAULT_TEXT, Optional.empty());
    }

    static ReplyTemplate load(Path file) throws IOException {
        String all = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<ConfigException.Problem> problems = new ArrayList<>();
        String[] lines = all.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    problems.add(new ConfigException.Problem(file.toString(), i + 1, "leave.reply_template",
                            "unknown placeholder {" + m.group(1) + "}; known ones are " + known()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Matcher h = HTML_START.matcher(all);
        return h.find() ? new ReplyTemplate(all.substring(0, h.start()), Optional.of(all.substring(h.start())))
                : new ReplyTemplate(all, Optional.empty());
    }

    private static String known() {
        return String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
    }

    /** The plain text, with empty placeholders leaving no run of blank lines behind. */
    String text(Map<String, String> values) {
        String filled = fill(text, values, false);
        return filled.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    Optional<String> html(Map<String, String> values) {
        return html.map(h -> fill(h, values, true));
    }

    private static String fill(String template, Map<String, String> values, boolean asHtml) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(asHtml ? escape(v) : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replace("\n", "<br>\n");
    }
}
