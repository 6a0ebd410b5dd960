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
        throttle.failed("192.0.2.1");
        clock.advance(Duration.ofMinutes(2));
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");
        assertThat(throttle.allows("192.0.2.1")).isFalse();
        assertThat(throttle.allows("192.0.2.2")).as("another address is not affected").isTrue();
        clock.advance(Duration.ofMinutes(8).plusSeconds(1));
        assertThat(throttle.allows("192.0.2.1")).as("the first failure has left the window").isTrue();
        throttle.failed("192.0.2.1");
        assertThat(throttle.allows("192.0.2.1")).isFalse();
    }
}
