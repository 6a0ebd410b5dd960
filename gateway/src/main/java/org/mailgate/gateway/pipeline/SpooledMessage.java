package org.mailgate.gateway.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.mailgate.gateway.mail.MessageHeaders;
import org.mailgate.gateway.spool.Envelope;

/**
 * A spooled message as every step after the spool sees it: the envelope, the header section
 * (parsed once, when the pipeline picks the message up) and a way to read the bytes again.
 */
public record SpooledMessage(Envelope envelope, MessageHeaders headers, Content content) {

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** Reads the header section of the spooled bytes once. */
    public static SpooledMessage read(Envelope envelope, Content content) throws IOException {
        try (InputStream in = content.open()) {
            return new SpooledMessage(envelope, MessageHeaders.read(in), content);
        }
    }

    public InputStream open() throws IOException {
        return content.open();
    }

    /** The same message, as if only {@code recipients} were on the envelope. */
    public SpooledMessage withRecipients(List<String> recipients) {
        Envelope e = envelope;
        return new SpooledMessage(new Envelope(e.queueId(), e.sender(), recipients, e.received(), e.clientAddress(),
                e.clientHelo(), e.authenticatedUser(), e.tls(), e.smtpUtf8(), e.origin()), headers, content);
    }
}
