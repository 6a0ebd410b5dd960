package org.mailgate.gateway.spool;

import java.time.Instant;

/**
 * Where one recipient of a spooled message stands. {@code content} names the copy to deliver
 * ({@link #ORIGINAL} or a copy written by the processing stage, such as an encrypted one).
 */
public record RecipientState(
        String address,
        Status status,
        String content,
        boolean requireTls,
        int attempts,
        Instant nextAttempt,
        String lastReply,
        String reason) {

    public static final String ORIGINAL = "original";

    public enum Status {
        /** Waiting for a delivery attempt (first or retry). */
        PENDING,
        /** Accepted by the next hop. */
        DELIVERED,
        /** Failed permanently or expired; the sender has been sent a bounce. */
        FAILED,
        /** Kept in the spool by policy until someone acts on it; never delivered in clear. */
        HELD,
        /** Taken over by another store (quarantine, portal), or consumed by the gateway; the spool is done with it. */
        HANDLED
    }

    public static RecipientState pending(String address, String content, boolean requireTls, String reason) {
        return new RecipientState(address, Status.PENDING, content, requireTls, 0, null, null, reason);
    }

    public static RecipientState held(String address, String reason) {
        return new RecipientState(address, Status.HELD, ORIGINAL, false, 0, null, null, reason);
    }

    /** Meant for the gateway itself and dealt with on arrival: nothing to deliver. */
    public static RecipientState consumed(String address, String reason) {
        return new RecipientState(address, Status.HANDLED, ORIGINAL, false, 0, null, null, reason);
    }

    /** Taken over by another store, named in {@code where}. */
    public RecipientState handled(String where) {
        return new RecipientState(address, Status.HANDLED, content, requireTls, attempts, null, null,
                reason + "; " + where);
    }

    public boolean isFinal() {
        return status == Status.DELIVERED || status == Status.FAILED || status == Status.HANDLED;
    }

    public RecipientState deferred(Instant next, String reply) {
        return new RecipientState(address, Status.PENDING, content, requireTls, attempts + 1, next, reply, reason);
    }

    public RecipientState attempted(Status newStatus, String reply) {
        return new RecipientState(address, newStatus, content, requireTls, attempts + 1, null, reply, reason);
    }
}
