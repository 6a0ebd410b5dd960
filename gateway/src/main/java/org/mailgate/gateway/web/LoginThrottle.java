package org.mailgate.gateway.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Failed logins per client address in a sliding window. The account lockout stops guessing
 * one account's password; this stops one address from trying many accounts. Kept in this
 * node's memory: a cluster of n nodes allows n times as many, which is still slow enough.
 */
final class LoginThrottle {

    /** Addresses remembered at most; past this the quietest are forgotten first. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** False while this address has had {@code maxFailures} failures within the window. */
    synchronized boolean allows(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return true;
        }
        prune(times, clock.millis());
        if (times.isEmpty()) {
            failures.remove(address);
            return true;
        }
        return times.size() < maxFailures;
    }

    synchronized void failed(String address) {
        long now = clock.millis();
        if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
            forgetOld(now);
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
    }

    private void prune(Deque<Long> times, long now) {
        long cutoff = now - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= cutoff) {
            times.removeFirst();
        }
    }

    private void forgetOld(long now) {
        for (Iterator<Deque<Long>> it = failures.values().iterator(); it.hasNext();) {
            Deque<Long> times = it.next();
            prune(times, now);
            if (times.size() < maxFailures) {
                it.remove();
            }
        }
    }
}
