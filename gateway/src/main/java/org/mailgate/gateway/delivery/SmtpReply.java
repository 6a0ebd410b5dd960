package org.mailgate.gateway.delivery;

import java.util.List;

/** A reply from a remote SMTP server, all lines kept (EHLO lists extensions that way). */
record SmtpReply(int code, List<String> lines) {

    boolean isPositive() {
        return code >= 200 && code < 400;
    }

    boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** The reply as one line for logs and bounces, e.g. {@code 550 5.1.1 No such user}. */
    String text() {
        return code + " " + String.join(" ", lines);
    }

    static SmtpReply local(int code, String text) {
        return new SmtpReply(code, List.of(text));
    }

    @Override
    public String toString() {
        return text();
    }
}
