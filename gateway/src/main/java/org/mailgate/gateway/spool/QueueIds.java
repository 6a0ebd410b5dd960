package org.mailgate.gateway.spool;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;

/**
 * Makes queue ids: 11 base-36 digits of the receive time in microseconds (so ids sort by
 * arrival) and 5 random ones (so two nodes never collide in the shared store).
 */
public final class QueueIds {

    private final Clock clock;
    private final Random random;
    private long lastMicros;

    public QueueIds(Clock clock) {
        this(clock, new SecureRandom());
    }

    public QueueIds(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized String next() {
        java.time.Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        lastMicros = Math.max(micros, lastMicros + 1);
        String time = Long.toString(lastMicros, 36).toUpperCase(Locale.ROOT);
        StringBuilder id = new StringBuilder(16);
        for (int i = time.length(); i < 11; i++) {
            id.append('0');
        }
        id.append(time);
        for (int i = 0; i < 5; i++) {
            id.append(Character.toUpperCase(Character.forDigit(random.nextInt(36), 36)));
        }
        return id.toString();
    }

    /** True for strings shaped like our ids; used before a queue id becomes part of a path. */
    public static boolean isValid(String id) {
        return id != null && id.matches("[0-9A-Z]{16}");
    }
}
