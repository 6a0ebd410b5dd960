package org.mailgate.gateway.portal;

import java.time.Instant;

/** A protected message waiting in the portal for one external recipient. */
public record PortalMessage(
        long id,
        String queueId,
        String recipient,
        String sender,
        String subject,
        long sizeBytes,
        Instant created,
        Instant expires,
        Instant revokedAt,
        String revokedBy,
        Instant firstOpened,
        boolean subjectHidden,
        String messageId,
        String references) {

    /** The subject as a notice may repeat it: empty when it holds personal data. */
    public String noticeSubject() {
        return subjectHidden ? "" : subject;
    }

    /** Why a message can no longer be read, or null when it can. */
    public String unavailableReason(Instant now) {
        if (revokedAt != null) {
            return "The sender has withdrawn this message.";
        }
        if (!now.isBefore(expires)) {
            return "This message has expired.";
        }
        return null;
    }
}
