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

    /**
     * Claims one attempt for this address, counted as a failure until {@link #succeeded} gives it
     * back: false (and nothing counted) while the address already has {@code maxFailures} within
     * the window. Claiming before the password is checked means parallel requests cannot all
     * pass the check before any of them is counted.
     */
    synchronized boolean tryAttempt(String address) {
        long now = clock.millis();
        Deque<Long> times = failures.get(address);
        if (times == null) {
            if (failures.size() >= MAX_ADDRESSES) {
                forgetOld(now);
            }
            times = new ArrayDeque<>();
            failures.put(address, times);
        }
        prune(times, now);
        if (times.size() >= maxFailures) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** The attempt claimed for this address was a success: it does not count. */
    synchronized void succeeded(String address) {
        Deque<Long> times = failures.get(address);
        if (times != null && !times.isEmpty()) {
            times.removeLast();
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
