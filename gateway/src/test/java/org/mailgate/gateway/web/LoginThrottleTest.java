package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.testing.MutableClock;

class LoginThrottleTest {

    @Test
    void anAddressWithTooManyRecentFailuresWaitsUntilTheOldestLeavesTheWindow() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(10));
        assertThat(throttle.tryAttempt("192.0.2.1")).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.tryAttempt("192.0.2.1")).isTrue();
        assertThat(throttle.tryAttempt("192.0.2.1")).isTrue();
        assertThat(throttle.tryAttempt("192.0.2.1")).isFalse();
        assertThat(throttle.tryAttempt("192.0.2.2")).as("another address is not affected").isTrue();
        clock.advance(Duration.ofMinutes(8).plusSeconds(1));
        assertThat(throttle.tryAttempt("192.0.2.1")).as("the first failure has left the window").isTrue();
        assertThat(throttle.tryAttempt("192.0.2.1")).isFalse();
    }

    @Test
    void parallelAttemptsFromOneAddressAreCountedBeforeAnyIsChecked() throws Exception {
        LoginThrottle throttle = new LoginThrottle(new MutableClock(), 20, Duration.ofMinutes(10));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                go.await();
                if (throttle.tryAttempt("192.0.2.9")) {
                    allowed.incrementAndGet();
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(allowed.get()).isEqualTo(20);
    }

    @Test
    void aSuccessDoesNotCount() {
        LoginThrottle throttle = new LoginThrottle(new MutableClock(), 2, Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("192.0.2.1")).isTrue();
            throttle.succeeded("192.0.2.1");
        }
        assertThat(throttle.tryAttempt("192.0.2.1")).isTrue();
    }
}
