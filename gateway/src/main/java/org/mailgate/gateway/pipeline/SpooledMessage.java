package org.mailgate.gateway.pipeline;

import java.io.IOException;
import java.io.InputStream;
import org.mailgate.gateway.spool.Envelope;

/** A spooled message as the processing stage sees it: the envelope and a way to read the bytes. */
public record SpooledMessage(Envelope envelope, Content content) {

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return content.open();
    }
}
