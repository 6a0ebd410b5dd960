package org.mailgate.gateway.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a sender that mail could not be delivered: an RFC 3464 delivery status notification
 * (multipart/report) with the original headers, sent from the null sender so that it can
 * never cause another bounce. Bounces are queued in the spool like any message.
 */
final class Bouncer {

    private static final Logger log = LoggerFactory.getLogger(Bouncer.class);
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3} ([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Spool spool;
    private final QueueIds queueIds;
    private final Clock clock;
    private final String hostname;

    Bouncer(Spool spool, QueueIds queueIds, Clock clock, String hostname) {
        this.spool = spool;
        this.queueIds = queueIds;
        this.clock = clock;
        this.hostname = hostname;
    }

    /**
     * Writes a bounce for the failed recipients into the spool, unless the message itself had
     * the null sender; the caller queues the returned envelope.
     */
    Optional<Envelope> bounce(Envelope original, List<RecipientState> failed) throws IOException {
        if (original.isNullSender()) {
            log.info("{}: not bouncing: the message had the null sender", original.queueId());
            return Optional.empty();
        }
        byte[] dsn;
        try {
            dsn = build(original, failed);
        } catch (MessagingException e) {
            throw new IOException("cannot build the bounce for " + original.queueId(), e);
        }
        Envelope envelope = new Envelope(queueIds.next(), "", List.of(original.sender()), clock.instant(),
                "127.0.0.1", hostname, null, false, original.smtpUtf8(), Envelope.Origin.GATEWAY);
        spool.submit(envelope, dsn);
        log.info("{}: sender non-delivery notification: {}", original.queueId(), envelope.queueId());
        return Optional.of(envelope);
    }

    private byte[] build(Envelope original, List<RecipientState> failed) throws MessagingException, IOException {
        Session session = Session.getInstance(new Properties());
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("MAILER-DAEMON@" + hostname, "Mail Delivery System", "UTF-8"));
        m.setRecipients(MimeMessage.RecipientType.TO, original.sender());
        m.setSubject("Undelivered Mail Returned to Sender", "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-replied");

        DeliveryStatus status = new DeliveryStatus();
        InternetHeaders perMessage = new InternetHeaders();
        perMessage.addHeader("Reporting-MTA", "dns; " + hostname);
        perMessage.addHeader("X-Mailgate-Queue-ID", original.queueId());
        perMessage.addHeader("Arrival-Date", rfc5322(original));
        status.setMessageDSN(perMessage);
        StringBuilder text = new StringBuilder();
        text.append("This is the mail system at ").append(hostname).append(".\n\n")
                .append("Your message could not be delivered to the recipients below. ")
                .append("The reason the receiving system gave is shown with each.\n\n");
        for (RecipientState r : failed) {
            InternetHeaders h = new InternetHeaders();
            h.addHeader("Final-Recipient", (r.address().chars().allMatch(ch -> ch < 128) ? "rfc822; " : "utf-8; ")
                    + r.address());
            h.addHeader("Action", "failed");
            h.addHeader("Status", statusOf(r.lastReply()));
            if (r.lastReply() != null && r.lastReply().matches("^\\d{3} .*")) {
                h.addHeader("Diagnostic-Code", "smtp; " + oneLine(r.lastReply()));
            }
            status.addRecipientDSN(h);
            text.append("<").append(r.address()).append(">: ").append(oneLine(String.valueOf(r.lastReply())))
                    .append("\n");
        }
        MultipartReport report = new MultipartReport(text.toString(), status, originalHeaders(original));
        m.setContent(report);
        m.saveChanges();
        m.setHeader("Message-ID", "<" + original.queueId() + ".bounce." + queueIds.next() + "@" + hostname + ">");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private InternetHeaders originalHeaders(Envelope original) throws IOException, MessagingException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        try (InputStream in = spool.openOriginal(original.queueId())) {
            int prev = -1;
            int c;
            boolean lineStart = true;
            while ((c = in.read()) != -1 && headers.size() < MAX_HEADER_BYTES) {
                if (lineStart && (c == '\r' || c == '\n')) {
                    break;
                }
                headers.write(c);
                lineStart = c == '\n';
                prev = c;
            }
            if (prev != '\n') {
                headers.write('\r');
                headers.write('\n');
            }
        }
        return new InternetHeaders(new java.io.ByteArrayInputStream(headers.toByteArray()));
    }

    /** The enhanced status code of a reply, made permanent; 5.4.7 when the message expired. */
    static String statusOf(String reply) {
        if (reply != null) {
            Matcher m = ENHANCED.matcher(reply);
            if (m.find()) {
                return "5" + m.group(1).substring(1);
            }
        }
        return "5.4.7";
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private String rfc5322(Envelope e) {
        return DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
                .format(ZonedDateTime.ofInstant(e.received(), clock.getZone()));
    }
}
