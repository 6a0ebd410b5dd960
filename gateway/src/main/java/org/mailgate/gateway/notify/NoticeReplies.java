package org.mailgate.gateway.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.NoteKind;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sender's reply to a held notice, arrived over SMTP at {@code notify+TOKEN@domain}: a
 * withdrawal, a false-positive report or a justification, attached to the item the token names
 * and passed on to the reviewers. Whatever is wrong with a reply (bad token, someone other than
 * the sender, an auto-reply) it is dropped with a log line, never bounced: the envelope sender
 * of a forged reply is not someone to write to.
 */
final class NoticeReplies {

    private static final Logger log = LoggerFactory.getLogger(NoticeReplies.class);
    private static final Pattern FALSE_POSITIVE = Pattern.compile("(?is)^false[\\s-]*positive\\b.*");

    private final NoticeAddress address;
    private final ReplyTokens tokens;
    private final Quarantine quarantine;
    private final NoticeText text;
    private final Outbox outbox;
    private final Optional<String> reviewers;
    private final String publicUrl;
    private final String hostname;
    private final Clock clock;

    NoticeReplies(NoticeAddress address, ReplyTokens tokens, Quarantine quarantine, NoticeText text, Outbox outbox,
            Optional<String> reviewers, String publicUrl, String hostname, Clock clock) {
        this.address = address;
        this.tokens = tokens;
        this.quarantine = quarantine;
        this.text = text;
        this.outbox = outbox;
        this.reviewers = reviewers;
        this.publicUrl = publicUrl;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** Deals with the copy of {@code message} addressed to {@code recipient}; never throws. */
    void accept(SpooledMessage message, String recipient) {
        String qid = message.envelope().queueId();
        try {
            handle(message, recipient);
        } catch (IOException | MessagingException | SQLException | RuntimeException e) {
            log.error("{}: the reply to a quarantine notice could not be handled, dropped: {}", qid, e.toString());
        }
    }

    private void handle(SpooledMessage message, String recipient) throws IOException, MessagingException, SQLException {
        Envelope e = message.envelope();
        String qid = e.queueId();
        Optional<String> token = address.tokenOf(recipient);
        if (token.isEmpty()) {
            log.info("{}: mail to the notice address without a reply token, dropped", qid);
            return;
        }
        OptionalLong id = tokens.verify(token.get());
        if (id.isEmpty()) {
            // The token itself is not logged: a valid-looking one is a key to an item.
            log.warn("{}: reply to a quarantine notice with an invalid token from <{}> [{}], dropped", qid, e.sender(),
                    e.clientAddress());
            return;
        }
        Optional<QuarantineItem> found = quarantine.store().find(id.getAsLong());
        if (found.isEmpty()) {
            log.info("{}: reply for quarantine item {}, which no longer exists, dropped", qid, id.getAsLong());
            return;
        }
        QuarantineItem item = found.get();
        MimeMessage reply;
        try (InputStream in = message.open()) {
            reply = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        String automatic = automatic(e, reply);
        if (automatic != null) {
            log.info("{}: automatic reply ({}) for quarantine item {}, ignored", qid, automatic, item.id());
            return;
        }
        if (!fromTheSender(e, reply, item)) {
            log.warn("{}: reply for quarantine item {} came from <{}>, not its sender, ignored", qid, item.id(),
                    e.sender());
            return;
        }
        if (!item.status().isOpen()) {
            log.info("{}: reply for quarantine item {}, already {}, ignored", qid, item.id(), item.status());
            return;
        }
        String words = ReplyText.of(reply);
        if ("withdraw".equals(ReplyText.firstWord(words))) {
            Quarantine.Outcome o = quarantine.withdraw(item.id(), item.sender(), "mail [" + e.clientAddress() + "]");
            log.info("{}: quarantine item {}: the sender replied \"withdraw\": {}", qid, item.id(), o.message());
            return;
        }
        if (words.isEmpty()) {
            log.info("{}: empty reply for quarantine item {}, ignored", qid, item.id());
            return;
        }
        NoteKind kind = FALSE_POSITIVE.matcher(words).matches() ? NoteKind.FALSE_POSITIVE : NoteKind.JUSTIFICATION;
        boolean seen = quarantine.store().notes(item.id()).stream()
                .anyMatch(n -> n.kind() == kind && n.text().equals(words));
        if (seen) {
            // The same spooled reply processed again after a restart.
            log.info("{}: quarantine item {} already has this {} note", qid, item.id(), kind);
            return;
        }
        quarantine.addSenderNote(item.id(), kind, item.sender(), words);
        log.info("{}: quarantine item {}: {} note from the sender ({} characters)", qid, item.id(), kind,
                words.length());
        tellReviewers(item, kind, words);
    }

    /** Why a reply is automatic (RFC 3834 and the usual vendor headers), or null for a person's reply. */
    private static String automatic(Envelope e, MimeMessage m) throws MessagingException {
        if (e.isNullSender()) {
            return "null sender";
        }
        String auto = m.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.split(";")[0].strip().equalsIgnoreCase("no")) {
            return "Auto-Submitted";
        }
        String precedence = m.getHeader("Precedence", null);
        if (precedence != null && List.of("bulk", "junk", "list").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence";
        }
        if (m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null) {
            return "X-Autoreply";
        }
        return null;
    }

    /** Only the person the notice went to may answer it: by envelope sender or From address. */
    private static boolean fromTheSender(Envelope e, MimeMessage m, QuarantineItem item) {
        if (e.sender().equalsIgnoreCase(item.sender())) {
            return true;
        }
        try {
            String from = m.getHeader("From", null);
            if (from == null) {
                return false;
            }
            for (InternetAddress a : InternetAddress.parseHeader(from, false)) {
                if (item.sender().equalsIgnoreCase(a.getAddress())) {
                    return true;
                }
            }
        } catch (MessagingException ex) {
            // an unreadable From names nobody
        }
        return false;
    }

    private void tellReviewers(QuarantineItem item, NoteKind kind, String words) {
        if (reviewers.isEmpty()) {
            return;
        }
        NoticeText.Text t = text.senderReplied(item, kind, words, publicUrl + "/quarantine/" + item.id());
        NoticeMail mail = new NoticeMail(address.address(), reviewers.get(), item.sender(), t.subject(), t.body(),
                OutgoingMail.id(item.id() + "." + clock.millis(), "reply-notice", hostname), null);
        try {
            Envelope sent = outbox.send("", List.of(reviewers.get()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
            log.info("{}: reviewers told of the sender's reply as {}", item.queueId(), sent.queueId());
        } catch (IOException | RuntimeException ex) {
            log.error("{}: telling the reviewers of the sender's reply failed: {}", item.queueId(), ex.toString());
        }
    }
}
