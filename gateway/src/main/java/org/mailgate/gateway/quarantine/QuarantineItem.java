package org.mailgate.gateway.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * One held message as reviewers see it: who sent it to whom, why it was held, and what has
 * been decided. The message itself stays sealed in the store until someone with the right
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
        String releaseMode) {

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
