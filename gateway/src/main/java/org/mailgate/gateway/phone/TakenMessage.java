package org.mailgate.gateway.phone;

import java.time.Instant;
import java.util.List;

/**
 * A telephone message as stored and sent.
 *
 * @param sentTo who the urgent e-mail went to: the officer, and their alternative contact if
 *     they were on leave
 * @param queueId the e-mail's queue id ("" until it is spooled)
 * @param urgent sent marked high importance
 * @param calledBackAt when someone marked that the caller was called back (null until then), and who
 */
public record TakenMessage(long id, String officer, String takenBy, Instant callAt, String callerName,
        String callerFrom, String returnNumber, String reason, Instant callBackBy, Instant createdAt,
        List<String> sentTo, String queueId, boolean urgent, Instant calledBackAt, String calledBackBy) {

    public TakenMessage {
        sentTo = List.copyOf(sentTo);
    }

    TakenMessage with(long newId, List<String> newSentTo, String newQueueId) {
        return new TakenMessage(newId, officer, takenBy, callAt, callerName, callerFrom, returnNumber, reason,
                callBackBy, createdAt, newSentTo, newQueueId, urgent, calledBackAt, calledBackBy);
    }

    /** Whether someone has marked that the caller was called back. */
    public boolean calledBack() {
        return calledBackAt != null;
    }
}
