package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecipientOrderLinesTest {
    final RecipientOrder order = new RecipientOrder();

    @Test
    void laterMailWaitsAndIsReleasedOneByOneInArrivalOrder() {
        assertThat(order.mayAttempt("R@x.example", 1, "q1")).isTrue();
        assertThat(order.deferred("r@x.example", 1, "q1", Duration.ofMinutes(1))).isEmpty();
        assertThat(order.mayAttempt("r@x.example", 3, "q3")).isFalse();
        assertThat(order.mayAttempt("r@x.example", 2, "q2")).isFalse();
        assertThat(order.mayAttempt("other@x.example", 4, "q4")).isTrue();
        assertThat(order.mayAttempt("r@x.example", 1, "q1")).isTrue(); // the head itself
        assertThat(order.done("r@x.example", 1)).contains("q2");
        assertThat(order.mayAttempt("r@x.example", 3, "q3")).isFalse();
        assertThat(order.done("r@x.example", 2)).contains("q3");
        assertThat(order.done("r@x.example", 3)).isEmpty();
        assertThat(order.mayAttempt("r@x.example", 9, "q9")).isTrue(); // the line is gone
    }

    @Test
    void anOldMessageStopsHoldingOthersUp() {
        order.deferred("r@x.example", 1, "q1", Duration.ofMinutes(5));
        assertThat(order.mayAttempt("r@x.example", 2, "q2")).isFalse();
        assertThat(order.deferred("r@x.example", 1, "q1", RecipientOrder.PATIENCE)).contains("q2");
        assertThat(order.mayAttempt("r@x.example", 2, "q2")).isTrue();
    }

    @Test
    void leavingFromTheMiddleReleasesNobody() {
        order.deferred("r@x.example", 1, "q1", Duration.ZERO);
        order.mayAttempt("r@x.example", 2, "q2");
        order.mayAttempt("r@x.example", 3, "q3");
        assertThat(order.done("r@x.example", 2)).isEmpty(); // e.g. deleted by an operator
        assertThat(order.done("r@x.example", 1)).contains("q3");
    }
}
