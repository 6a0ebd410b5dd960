package org.mailgate.gateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps mail to one recipient in order of arrival through a deferral. Once a delivery to a
 * recipient has been deferred (next hop down, say), later messages to that recipient wait behind
 * it instead of overtaking it when the next hop returns. A message joining the line has the
 * head tried again at once; when the head is delivered the line is released, to be delivered
 * one after the other in arrival order.
 * A message older than {@link #PATIENCE} stops holding the others up, so one message that a
 * next hop keeps refusing cannot block a mailbox for days. Messages are numbered by arrival;
 * the lowest number is always free to go, so nothing waits in a cycle.
 */
final class RecipientOrder {
    static final Duration PATIENCE = Duration.ofHours(2);

    /** Recipient (lower-cased) → arrival number → queue id, for messages deferred or waiting. */
    private final Map<String, TreeMap<Long, String>> lines = new HashMap<>();

    /**
     * Null if this message may be delivered to {@code rcpt} now; if not, it joins the line and
     * the answer is the message at the head of it, to try again now: if the next hop is back,
     * the line goes at once instead of waiting for the head's next retry.
     */
    synchronized String mustWaitFor(String rcpt, long arrival, String queueId) {
        TreeMap<Long, String> line = lines.get(key(rcpt));
        if (line == null || line.firstKey() >= arrival) {
            return null;
        }
        line.put(arrival, queueId);
        return line.firstEntry().getValue();
    }

    /**
     * A delivery to {@code rcpt} was deferred: later mail to it waits behind this one. Returns
     * the message to release if this one ({@code age} since it arrived) has run out of patience
     * and leaves the line.
     */
    synchronized List<String> deferred(String rcpt, long arrival, String queueId, Duration age) {
        if (age.compareTo(PATIENCE) >= 0) {
            return done(rcpt, arrival);
        }
        lines.computeIfAbsent(key(rcpt), k -> new TreeMap<>()).put(arrival, queueId);
        return List.of();
    }

    /**
     * This message is finished with {@code rcpt}. If it was at the head of the line, the line is
     * over: returns the messages that waited in it, oldest first, to deliver now, one after the
     * other. Mail arriving after that goes as usual, in parallel: keeping it behind the released
     * line would make every later message to a busy recipient wait its turn, one at a time.
     */
    synchronized List<String> done(String rcpt, long arrival) {
        String key = key(rcpt);
        TreeMap<Long, String> line = lines.get(key);
        if (line == null) {
            return List.of();
        }
        if (line.firstKey() != arrival) {
            line.remove(arrival);
            return List.of();
        }
        lines.remove(key);
        line.remove(arrival);
        return List.copyOf(line.values());
    }

    /**
     * {@code queueId} is no longer in the queue (deleted, or finished by a path that did not say
     * so per recipient): it leaves every line; returns the new heads of the lines it led.
     */
    synchronized List<String> gone(String queueId) {
        List<String> heads = new ArrayList<>();
        for (Iterator<TreeMap<Long, String>> it = lines.values().iterator(); it.hasNext();) {
            TreeMap<Long, String> line = it.next();
            boolean head = queueId.equals(line.firstEntry().getValue());
            line.values().removeIf(queueId::equals);
            if (line.isEmpty()) {
                it.remove();
            } else if (head) {
                heads.add(line.firstEntry().getValue());
            }
        }
        return heads;
    }

    private static String key(String rcpt) {
        return rcpt.toLowerCase(Locale.ROOT);
    }
}
