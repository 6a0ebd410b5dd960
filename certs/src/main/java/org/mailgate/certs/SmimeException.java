package org.mailgate.certs;

/**
 * S/MIME processing failed. The caller must hold the message: it must never be sent in clear
 * because protection failed. The message never contains message content or key material.
 */
public final class SmimeException extends Exception {

    SmimeException(String message) {
        super(message);
    }

    SmimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
