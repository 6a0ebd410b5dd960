package org.mailgate.gateway.pipeline;

import java.io.IOException;

/**
 * Processing cannot be done now for a reason that is not the message's fault: the shared store
 * cannot be reached, or the spool's disk is full. The message is neither held nor sent; it
 * stays in the spool unprocessed and the whole processing runs again later, so it ends up where
 * it would have gone.
 */
public final class ProcessLaterException extends RuntimeException {
    public ProcessLaterException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code failure} itself if it is one, or one made for it if anything in its cause chain
     * says the disk is full; otherwise null (a real failure: fail closed).
     */
    public static ProcessLaterException of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProcessLaterException later) {
                return later;
            }
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return new ProcessLaterException("the disk is full", failure);
            }
        }
        return null;
    }
}
