package org.mailgate.gateway.spool;

import java.util.List;

/**
 * The mutable half of a spool entry: what the processing stage decided for each recipient and
 * how delivery is going. Absent for a message that has not been processed yet.
 */
public record DeliveryState(List<RecipientState> recipients) {

    public DeliveryState {
        recipients = List.copyOf(recipients);
    }

    public boolean isComplete() {
        return recipients.stream().allMatch(RecipientState::isFinal);
    }
}
