package org.mailgate.gateway.policy;

/**
 * Something the sender should hear about a message that went (or waits) as decided: a recipient
 * that looked unusual, or a label lower than the content. The sender's notice carries it.
 *
 * @param recipient the recipient it is about, or "" for the whole message
 * @param text one sentence for the sender, never a detected value
 */
public record Advice(String recipient, String text) {
}
