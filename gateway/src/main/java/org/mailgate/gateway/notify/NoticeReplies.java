package org.mailgate.gateway.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
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
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.pipeline.OwnMail;
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
 * and passed on to the reviewers. A reply counts only when its envelope sender is the item's
 * sender and it came from an allowed network or an authenticated session; the From header is
 * never trusted (anyone can write one). Whatever is wrong with a reply (bad token, someone other
 * than the sender, from outside, an auto-reply) it is dropped with a log line, never bounced: the
 * envelope sender of a forged reply is not someone to write to.
 */
final class NoticeReplies implements OwnMail {

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
    private final Predicate<java.net.InetAddress> allowedNetwork;

    /** @param allowedNetwork {@code smtp.allowed_networks}: where the organisation's own servers send from */
    NoticeReplies(NoticeAddress address, ReplyTokens tokens, Quarantine quarantine, NoticeText text, Outbox outbox,
            Optional<String> reviewers, String publicUrl, String hostname, Clock clock,
            Predicate<java.net.InetAddress> allowedNetwork) {
        this.address = address;
        this.tokens = tokens;
        this.quarantine = quarantine;
        this.text = text;
        this.outbox = outbox;
        this.reviewers = reviewers;
        this.publicUrl = publicUrl;
        this.hostname = hostname;
        this.clock = clock;
        this.allowedNetwork = allowedNetwork;
    }

    @Override
    public boolean isFor(String recipient) {
        return address.matches(recipient);
    }

    /** Deals with the copy of {@code message} addressed to {@code recipient}; never throws. */
    @Override
    public void accept(SpooledMessage message, String recipient) {
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
        if (!e.sender().equalsIgnoreCase(item.sender())) {
            log.warn("{}: reply for quarantine item {} came from <{}>, not its sender, ignored", qid, item.id(),
                    e.sender());
            return;
        }
        if (e.authenticatedUser() == null && !fromAllowedNetwork(e.clientAddress())) {
            log.warn("{}: reply for quarantine item {} came from [{}], neither an allowed network nor an "
                    + "authenticated session, ignored", qid, item.id(), e.clientAddress());
            return;
        }
        if (!item.status().isOpen()) {
            log.info("{}: reply for quarantine item {}, already {}, ignored", qid, item.id(), item.status());
            return;
        }
        String words = ReplyText.of(reply);
        if ("withdraw".equals(ReplyText.firstWord(words))) {
            Quarantine.Outcome o = quarantine.withdraw(item.id(), item.sender(), e.clientAddress());
            log.info("{}: quarantine item {}: the sender replied \"withdraw\": {}", qid, item.id(), o.message());
            return;
        }
        if ("send".equals(ReplyText.firstWord(words)) && Quarantine.waitsForSender(item)) {
            Quarantine.Outcome o = quarantine.confirmBySender(item.id(), item.sender(), e.clientAddress());
            log.info("{}: quarantine item {}: the sender replied \"send\": {}", qid, item.id(), o.message());
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
        quarantine.addSenderNote(item.id(), kind, e.sender(), words, e.clientAddress());
        log.info("{}: quarantine item {}: {} note from the sender ({} characters)", qid, item.id(), kind,
                words.length());
        tellReviewers(item, kind, words);
        acknowledge(item, kind);
    }

    /** Tells the sender their reply arrived and what happens next; a reply to it adds another note. */
    private void acknowledge(QuarantineItem item, NoteKind kind) {
        NoticeText.Text t = text.acknowledged(item, kind, reviewers.isPresent());
        NoticeMail mail = new NoticeMail(address.address(), item.sender(), address.withToken(tokens.tokenFor(item.id())),
                t.subject(), t.body(), OutgoingMail.id(item.id() + "." + clock.millis(), "reply-received", hostname),
                OutgoingMail.id(item.id() + "." + item.queueId(), "held-notice", hostname));
        try {
            Envelope sent = outbox.send("", List.of(item.sender()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
            log.info("{}: the sender's reply acknowledged as {}", item.queueId(), sent.queueId());
        } catch (IOException | RuntimeException ex) {
            log.error("{}: acknowledging the sender's reply failed: {}", item.queueId(), ex.toString());
        }
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

    /**
     * Only mail submitted through the organisation's own servers (or an authenticated session)
     * can be a sender's reply: anyone on the internet can put a colleague's address in the
     * envelope and the From header, but not send from inside.
     */
    private boolean fromAllowedNetwork(String client) {
        if (client == null || !client.matches("[0-9A-Fa-f.:]+")) {
            return false; // only an address literal: never a DNS lookup on what a client sent
        }
        try {
            return allowedNetwork.test(java.net.InetAddress.getByName(client));
        } catch (java.net.UnknownHostException ex) {
            return false;
        }
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
