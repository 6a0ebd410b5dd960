package org.mailgate.gateway.pipeline;

/**
 * Thrown by a decision executor when the shared store it needs cannot be reached (database
 * down, no connection). The message is not held or sent: it stays in the spool unprocessed and
 * the whole processing runs again later, so it ends up where it would have gone.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
