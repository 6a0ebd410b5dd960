package org.mailgate.gateway.quarantine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words the queue's search box finds an item by, kept in {@code quarantine_term} so that a
 * search is an index lookup rather than a scan of every row. An item's terms are the lower-cased
 * words of its subject, and each address (sender, recipients) whole and in its parts
 * ({@code jane.doe@council.example} gives itself, {@code jane}, {@code doe}, {@code council},
 * {@code example}). A search matches an item when every word of the query begins one of its
 * terms, the way a search box is expected to behave.
 */
public final class SearchTerms {
    /** Longer words are cut to this length, in the index and in queries alike. */
    static final int MAX_TERM = 100;

    private SearchTerms() {
    }

    public static Set<String> of(String sender, List<String> recipients, String subject) {
        Set<String> terms = new LinkedHashSet<>();
        words(subject, terms);
        address(sender, terms);
        for (String r : recipients) {
            address(r, terms);
        }
        return terms;
    }

    /**
     * The prefixes a query asks for: a word with an {@code @} is kept whole (an address, or the
     * start of one); any other word is split where the index splits it.
     */
    public static List<String> query(String q) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : q.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (word.indexOf('@') > 0) {
                out.add(cut(word));
            } else {
                words(word, out);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * SQL for "column begins with the prefix" as a range, which both databases answer from an
     * index with the prefix as a parameter (a parameterised {@code LIKE} they do not); bind
     * {@link #prefixBounds}.
     */
    static String prefixRange(String column) {
        return column + " >= ? AND " + column + " < ?";
    }

    /** The bounds for {@link #prefixRange}: the prefix, and the first string after all that begin with it. */
    static List<String> prefixBounds(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == Character.MAX_VALUE) {
            end--;
        }
        String upper = end == 0 ? prefix + Character.MAX_VALUE
                : prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
        return List.of(prefix, upper);
    }

    private static void address(String address, Set<String> terms) {
        if (address == null || address.isBlank()) {
            return;
        }
        terms.add(cut(address.trim().toLowerCase(Locale.ROOT)));
        words(address, terms);
    }

    private static void words(String text, Set<String> terms) {
        if (text == null) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean inWord = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                terms.add(cut(lower.substring(start, i)));
                start = -1;
            }
        }
    }

    private static String cut(String s) {
        if (s.length() <= MAX_TERM) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(MAX_TERM - 1)) ? MAX_TERM - 1 : MAX_TERM);
    }
}
