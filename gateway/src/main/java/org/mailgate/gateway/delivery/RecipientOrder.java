package org.mailgate.gateway.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps mail to one recipient in order of arrival through a deferral. Once a delivery to a
 * recipient has been deferred (next hop down, say), later messages to that recipient wait behind
 * it instead of overtaking it when the next hop returns; when it is done, the next one in line
 * is released, and so on. A message older than {@link #PATIENCE} stops holding the others up,
 * so one message that a next hop keeps refusing cannot block a mailbox for days.
 * Messages are numbered by arrival; the lowest number is always free to go, so nothing waits
 * in a cycle.
 */
final class RecipientOrder {
    static final Duration PATIENCE = Duration.ofHours(2);

    /** Recipient (lower-cased) → arrival number → queue id, for messages deferred or waiting. */
    private final Map<String, TreeMap<Long, String>> lines = new HashMap<>();

    /** True if this message may be delivered to {@code rcpt} now; if not, it joins the line. */
    synchronized boolean mayAttempt(String rcpt, long arrival, String queueId) {
        TreeMap<Long, String> line = lines.get(key(rcpt));
        if (line == null || line.firstKey() >= arrival) {
            return true;
        }
        line.put(arrival, queueId);
        return false;
    }

    /**
     * A delivery to {@code rcpt} was deferred: later mail to it waits behind this one. Returns
     * the message to release if this one ({@code age} since it arrived) has run out of patience
     * and leaves the line.
     */
    synchronized Optional<String> deferred(String rcpt, long arrival, String queueId, Duration age) {
        if (age.compareTo(PATIENCE) >= 0) {
            return done(rcpt, arrival);
        }
        lines.computeIfAbsent(key(rcpt), k -> new TreeMap<>()).put(arrival, queueId);
        return Optional.empty();
    }

    /** This message is finished with {@code rcpt}; returns the next in line, to deliver now. */
    synchronized Optional<String> done(String rcpt, long arrival) {
        String key = key(rcpt);
        TreeMap<Long, String> line = lines.get(key);
        if (line == null) {
            return Optional.empty();
        }
        boolean wasHead = line.firstKey() == arrival;
        line.remove(arrival);
        if (line.isEmpty()) {
            lines.remove(key);
            return Optional.empty();
        }
        return wasHead ? Optional.of(line.firstEntry().getValue()) : Optional.empty();
    }

    private static String key(String rcpt) {
        return rcpt.toLowerCase(Locale.ROOT);
    }
}
