package org.mailgate.gateway.policy;

/**
 * What happens to one recipient's copy of a message: data, made by the processing stage and
 * carried out afterwards. One record per kind of outcome; more kinds join as the gateway
 * learns to quarantine and offer secure pickup. Anything the executor does not know how to
 * carry out is held, never delivered in clear.
 */
public sealed interface Decision {

    String recipient();

    /** Why, in words fit for a log line (never a detected value). */
    String reason();

    /** Deliver the original; over verified TLS only, when {@code requireTls}. */
    record Deliver(String recipient, boolean requireTls, String reason) implements Decision {
    }

    /**
     * Deliver an S/MIME-encrypted copy to the recipient's certificate; {@code hideSubject}: the
     * subject holds personal data, so the outer one (which travels in clear) is replaced.
     */
    record Encrypt(String recipient, String reason, boolean hideSubject) implements Decision {
    }

    /**
     * Keep the message for the recipient to read in the secure portal; they get a notice with a
     * link, without the subject if {@code hideSubject} (it holds personal data).
     */
    record Portal(String recipient, String reason, boolean hideSubject) implements Decision {
    }

    /**
     * Hold for review (the quarantine), undelivered, until a reviewer acts. Never sent in clear.
     * {@code cause} is the typed reason everything downstream shows; {@code reason} the log line.
     */
    record Hold(String recipient, String reason, HoldReason cause) implements Decision {

        public Hold(String recipient, HoldReason cause) {
            this(recipient, cause.describe(), cause);
        }
    }

    /**
     * Addressed to the gateway itself (a reply to one of its notices): processed here by the
     * executor and never delivered anywhere.
     */
    record Consume(String recipient, String reason) implements Decision {
    }
}
