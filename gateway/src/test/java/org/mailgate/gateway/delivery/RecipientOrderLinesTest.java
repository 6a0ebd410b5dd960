package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecipientOrderLinesTest {
    final RecipientOrder order = new RecipientOrder();

    @Test
    void laterMailWaitsAndIsReleasedInArrivalOrderWhenTheHeadGoes() {
        assertThat(order.mustWaitFor("R@x.example", 1, "q1")).isNull();
        assertThat(order.deferred("r@x.example", 1, "q1", Duration.ofMinutes(1))).isEmpty();
        assertThat(order.mustWaitFor("r@x.example", 3, "q3")).isEqualTo("q1");
        assertThat(order.mustWaitFor("r@x.example", 2, "q2")).isEqualTo("q1");
        assertThat(order.mustWaitFor("other@x.example", 4, "q4")).isNull();
        assertThat(order.mustWaitFor("r@x.example", 1, "q1")).isNull(); // the head itself
        assertThat(order.done("r@x.example", 1)).containsExactly("q2", "q3");
        assertThat(order.mustWaitFor("r@x.example", 3, "q3")).isNull(); // the line is gone
        assertThat(order.done("r@x.example", 3)).isEmpty();
    }

    @Test
    void aMessageThatLeftTheQueueStopsHoldingTheLine() {
        order.deferred("r@x.example", 1, "q1", Duration.ZERO);
        order.deferred("s@x.example", 1, "q1", Duration.ZERO);
        order.mustWaitFor("r@x.example", 2, "q2");
        order.mustWaitFor("s@x.example", 3, "q3");
        order.mustWaitFor("s@x.example", 4, "q4");
        assertThat(order.gone("q1")).containsExactlyInAnyOrder("q2", "q3");
        assertThat(order.gone("q4")).isEmpty();
        assertThat(order.mustWaitFor("s@x.example", 3, "q3")).isNull();
    }

    @Test
    void anOldMessageStopsHoldingOthersUp() {
        order.deferred("r@x.example", 1, "q1", Duration.ofMinutes(5));
        assertThat(order.mustWaitFor("r@x.example", 2, "q2")).isEqualTo("q1");
        assertThat(order.deferred("r@x.example", 1, "q1", RecipientOrder.PATIENCE)).containsExactly("q2");
        assertThat(order.mustWaitFor("r@x.example", 2, "q2")).isNull();
    }

    @Test
    void leavingFromTheMiddleReleasesNobody() {
        order.deferred("r@x.example", 1, "q1", Duration.ZERO);
        order.mustWaitFor("r@x.example", 2, "q2");
        order.mustWaitFor("r@x.example", 3, "q3");
        assertThat(order.done("r@x.example", 2)).isEmpty(); // e.g. deleted by an operator
        assertThat(order.done("r@x.example", 1)).containsExactly("q3");
    }
}
