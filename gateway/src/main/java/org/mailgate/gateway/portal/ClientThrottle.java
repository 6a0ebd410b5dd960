package org.mailgate.gateway.portal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} attempts per client address in a sliding window, on this node. The
 * per-message limits in the shared store are what stop a distributed guesser; this one stops
 * one client hammering many links.
 */
final class ClientThrottle {

    private static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Long>> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    ClientThrottle(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    synchronized boolean allow(String client) {
        long now = clock.millis();
        Deque<Long> times = attempts.computeIfAbsent(client == null ? "" : client, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
