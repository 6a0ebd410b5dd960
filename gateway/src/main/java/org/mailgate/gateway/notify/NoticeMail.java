package org.mailgate.gateway.notify;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.mailgate.gateway.mail.OutgoingMail;

/**
 * One notice the gateway writes about held mail: plain text, marked as automatic so that
 * out-of-office replies and rules leave it alone (RFC 3834 {@code Auto-Submitted}, and
 * Exchange's {@code X-Auto-Response-Suppress}).
 *
 * @param replyTo   where replies should go; null for none
 * @param messageId made with {@link OutgoingMail#id}
 * @param inReplyTo the Message-ID of an earlier notice about the same item (threads the two); null for none
 */
record NoticeMail(String fromAddress, String to, String replyTo, String subject, String body, String messageId,
        String inReplyTo) {

    static final String FROM_NAME = "Mail gateway";

    byte[] toBytes(Clock clock) throws IOException {
        OutgoingMail m = OutgoingMail.from(fromAddress, FROM_NAME).to(to).subject(subject).text(body)
                .header("Auto-Submitted", "auto-generated").header("X-Auto-Response-Suppress", "All")
                .messageId(messageId);
        if (replyTo != null) {
            m.replyTo(replyTo);
        }
        if (inReplyTo != null) {
            m.inReplyTo(inReplyTo, List.of());
        }
        return m.toBytes(clock);
    }
}
