package org.mailgate.gateway.mail;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;

/** Reading header fields of mail that arrives, which may be malformed in any way. */
public final class HeaderText {
    private HeaderText() {
    }

    /**
     * The field unfolded, with RFC 2047 encoded words decoded; if they cannot be (an unknown
     * charset, a broken word), the unfolded field as it is. Line breaks smuggled in through
     * encoded words become spaces, so the text stays one line wherever it is shown. Never throws.
     */
    public static String decode(String field) {
        String unfolded = MimeUtility.unfold(field);
        String decoded;
        try {
            decoded = MimeUtility.decodeText(unfolded);
        } catch (IOException | RuntimeException e) {
            decoded = unfolded;
        }
        return decoded.replaceAll("[\\r\\n]+", " ");
    }
}
