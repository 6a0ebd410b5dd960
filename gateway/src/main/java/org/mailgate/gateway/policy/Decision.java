package org.mailgate.gateway.policy;

/**
 * What happens to one recipient's copy of a message: data, made by the processing stage and
 * carried out by the queue. One record per kind of outcome; more kinds join as the gateway
 * learns to encrypt, quarantine and offer secure pickup.
 */
public sealed interface Decision {

    String recipient();

    /** Why, in words fit for a log line (never a detected value). */
    String reason();

    /** Deliver the original; over verified TLS only, when {@code requireTls}. */
    record Deliver(String recipient, boolean requireTls, String reason) implements Decision {
    }

    /** Keep the message in the spool, undelivered, until an operator acts. Never sent in clear. */
    record Hold(String recipient, String reason) implements Decision {
    }
}
