package org.mailgate.gateway.logging;

/**
 * Makes any text safe to put on one log line: CR and LF become {@code \r} and {@code \n}, other
 * control characters and the Unicode line and paragraph separators become {@code \}{@code uXXXX},
 * and a backslash is doubled so that an escape written by an attacker cannot pass for ours.
 * Everything else, including non-ASCII letters, is left as it is.
 */
public final class LogText {

    private LogText() {
    }

    public static String neutralise(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && plain(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c != 0x7f && c != '\\' && c != 0x85 && c != 0x2028 && c != 0x2029
                || c == '\t';
    }
}
