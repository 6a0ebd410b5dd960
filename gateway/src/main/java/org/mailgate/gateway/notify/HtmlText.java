package org.mailgate.gateway.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an HTML reply, good enough to keep as a note: block ends become line
 * breaks, tags go, entities are decoded, and the quoted original (a blockquote, or the
 * containers Outlook and Gmail put it in) is cut off. Never rendered as HTML anywhere.
 */
final class HtmlText {

    private static final Pattern INVISIBLE = Pattern.compile(
            "(?is)<!--.*?-->|<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>");
    /** Where the message being replied to starts, in the HTML of common mail programs. */
    private static final Pattern QUOTE_START = Pattern.compile(
            "(?is)<blockquote\\b|<div[^>]*\\b(?:id=\"?(?:divRplyFwdMsg|appendonsend)|class=\"?gmail_quote)");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|table)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    static String of(String html) {
        String s = INVISIBLE.matcher(html).replaceAll("");
        Matcher quote = QUOTE_START.matcher(s);
        if (quote.find()) {
            s = s.substring(0, quote.start());
        }
        s = s.replaceAll("[\\r\\n]+", " ");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = entities(s);
        return s.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String entities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String raw) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return raw;
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> raw;
        };
    }
}
