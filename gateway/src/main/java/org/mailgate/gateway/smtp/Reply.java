package org.mailgate.gateway.smtp;

/**
 * One SMTP reply with its RFC 3463 enhanced status code, e.g. {@code 554 5.7.1 Relay access
 * denied}. Every reply of ours carries an enhanced code because we advertise
 * ENHANCEDSTATUSCODES.
 */
record Reply(int code, String enhanced, String text) {

    static final Reply OK = new Reply(250, "2.0.0", "Ok");
    static final Reply NEED_MAIL = new Reply(503, "5.5.1", "Error: need MAIL command first");
    static final Reply NEED_RCPT = new Reply(503, "5.5.1", "Error: need RCPT command first");
    static final Reply NEED_HELO = new Reply(503, "5.5.1", "Error: send EHLO or HELO first");
    static final Reply LINE_TOO_LONG = new Reply(500, "5.5.2", "Error: command line too long (limit 512 octets)");
    static final Reply NO_ARGUMENTS = new Reply(501, "5.5.4", "Error: this command takes no arguments");

    boolean isError() {
        return code >= 400;
    }

    @Override
    public String toString() {
        return code + " " + enhanced + " " + text;
    }
}
