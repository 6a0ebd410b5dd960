package org.mailgate.gateway.quarantine;

import java.time.Instant;
import java.util.List;
import org.mailgate.gateway.policy.HoldReason;

/**
 * One held message as reviewers see it: who sent it to whom, why each recipient's copy was
 * held ({@code holds}), whether the sender has replied, and what has been decided. The message itself stays sealed in the store until someone with the right
 * role opens it.
 */
public record QuarantineItem(
        long id,
        String queueId,
        String sender,
        List<String> recipients,
        String subject,
        String level,
        List<String> findingTypes,
        String classification,
        String reason,
        long sizeBytes,
        Instant received,
        Instant held,
        Status status,
        Instant decidedAt,
        String decidedBy,
        String decisionNote,
        String releaseMode,
        List<Hold> holds,
        boolean senderReplied) {

    public QuarantineItem {
        recipients = List.copyOf(recipients);
        findingTypes = List.copyOf(findingTypes);
        holds = List.copyOf(holds);
    }

    /** Why one recipient's copy is held. */
    public record Hold(String recipient, HoldReason reason) {
    }

    /** The distinct rules that held this item, in recipient order. */
    public List<HoldReason.Rule> rules() {
        return holds.stream().map(h -> h.reason().rule()).distinct().toList();
    }

    /** The distinct reasons, in recipient order ("why" without repeating it per recipient). */
    public List<HoldReason> reasons() {
        return holds.stream().map(Hold::reason).distinct().toList();
    }

    public enum Status {
        HELD, RELEASED, REJECTED, EXPIRED, WITHDRAWN;

        public boolean isOpen() {
            return this == HELD;
        }
    }

    /** How a reviewer lets a message go. */
    public enum ReleaseMode {
        /** As policy would: encrypted, or over verified TLS, never in clear. */
        PROTECTED,
        /** As it is, in clear: only with a typed justification. */
        CLEAR
    }

    public record Note(long id, long itemId, Instant at, NoteKind kind, String author, String text) {
    }

    public enum NoteKind {
        /** The sender explained why the message should go. */
        JUSTIFICATION,
        /** The sender says the findings are wrong. */
        FALSE_POSITIVE,
        /** The sender withdrew the message. */
        WITHDRAWN
    }
}
