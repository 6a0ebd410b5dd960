package org.mailgate.gateway.web;

import java.util.List;

/**
 * What the secure-portal pages show (recipients of protected mail, senders withdrawing it).
 * Public only because the precompiled jte templates live in a package of their own.
 */
public final class PortalViews {

    private PortalViews() {
    }

    /** The frame: the organisation's name, the page title, a one-shot message, and the form token. */
    public record Frame(String organisation, String title, String flash, boolean flashError, String formToken) {
    }

    /** A page with a heading, a paragraph, and optionally one confirm button posting to {@code action}. */
    /** A page with a message, and a button when {@code action} is set; {@code facts} name the message it is about. */
    public record Notice(Frame frame, String heading, String text, String action, String button, List<Views.Fact> facts) {
        public Notice(Frame frame, String heading, String text, String action, String button) {
            this(frame, heading, text, action, button, List.of());
        }
    }

    /** Before the code: who sent it, to whom, until when; ask for a code, or enter it. */
    public record Gate(Frame frame, String token, String sender, String recipient, String expires, boolean locked) {
    }

    /** The opened message, and the reply form. */
    /**
     * The message page; {@code sent} is the reply just sent (shown once, on the page that answers
     * the reply), or null.
     */
    public record Reading(Frame frame, String token, String sender, String recipient, String expires,
            MessageView message, SentReply sent) {
        public Reading(Frame frame, String token, String sender, String recipient, String expires,
                MessageView message) {
            this(frame, token, sender, recipient, expires, message, null);
        }
    }

    /** A reply as it was sent: its words, the names of its files, and when. */
    public record SentReply(String text, List<String> files, String at) {
    }
}
