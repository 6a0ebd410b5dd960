package org.mailgate.gateway.pipeline;

/**
 * Mail addressed to the gateway itself (replies to its notices): such recipients are taken out
 * before the message is classified, never delivered anywhere, and handed over here once the
 * rest of the message has been dealt with.
 */
public interface OwnMail {

    /** Whether {@code recipient} is one of the gateway's own addresses. */
    boolean isFor(String recipient);

    /** Deals with the copy addressed to {@code recipient}; never throws. */
    void accept(SpooledMessage message, String recipient);
}
