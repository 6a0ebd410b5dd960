package org.mailgate.gateway.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.subethamail.smtp.MessageHandler;

/**
 * One mail transaction, from MAIL FROM to the end of data or RSET. The library creates it
 * through our factory when MAIL starts one; our commands fill it in. The library's own
 * from/recipient/data callbacks are never used, because our commands replace its.
 */
final class Transaction implements MessageHandler {

    private String sender;
    private boolean smtpUtf8;
    private final List<String> recipients = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    /** Open while BDAT chunks are arriving. */
    private Intake chunked;

    void sender(String address, boolean utf8) {
        this.sender = address;
        this.smtpUtf8 = utf8;
    }

    String sender() {
        return sender;
    }

    boolean smtpUtf8() {
        return smtpUtf8;
    }

    /** Adds a recipient unless it is already there (same address, domain case ignored). */
    void addRecipient(String address) {
        int at = address.lastIndexOf('@');
        String key = at < 0 ? address : address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
        if (seen.add(key)) {
            recipients.add(address);
        }
    }

    List<String> recipients() {
        return recipients;
    }

    Intake chunked() {
        return chunked;
    }

    void chunked(Intake intake) {
        this.chunked = intake;
    }

    @Override
    public void from(String from) {
        throw new UnsupportedOperationException("handled by MailCommand");
    }

    @Override
    public void recipient(String recipient) {
        throw new UnsupportedOperationException("handled by RcptCommand");
    }

    @Override
    public String data(java.io.InputStream data) {
        throw new UnsupportedOperationException("handled by DataCommand and BdatCommand");
    }

    /** Called by the library when the transaction ends for any reason: drop unfinished chunks. */
    @Override
    public void done() {
        if (chunked != null) {
            chunked.abort();
            chunked = null;
        }
    }
}
