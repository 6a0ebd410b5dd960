package org.mailgate.gateway.notify;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.pipeline.Outcome;
import org.mailgate.gateway.pipeline.OutcomeListener;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Advice;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineEvents;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an internal sender what became of their message: once per message, after the pipeline
 * has dealt with every recipient (held, portal, encrypted, verified TLS, per recipient, in one
 * notice), and again when a reviewer decides on the held copies. Only internal senders are told:
 * an external envelope sender may be forged, and telling it what a message contained would
 * leak it. A decided notice that cannot be sent is logged and forgotten; it never changes the
 * item. With {@code quarantine.notify_senders: false} only portal deliveries are reported.
 */
public final class SenderNotices implements QuarantineEvents, OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(SenderNotices.class);

    private final NoticeAddress from;
    private final ReplyTokens tokens;
    private final NoticeText text;
    private final Outbox outbox;
    private final Predicate<String> isInternal;
    private final Optional<String> reviewers;
    private final String publicUrl;
    private final String hostname;
    private final Clock clock;
    private final QuarantineStore store;
    private final BiFunction<String, String, String> revokeLink;
    private final boolean aboutHeldMail;
    private final java.time.Duration confirmTimeout;

    /**
     * @param revokeLink the sender's withdraw link for a portal copy, by queue id and recipient
     * @param aboutHeldMail {@code quarantine.notify_senders} (copies waiting for the sender's
     *        confirmation are always told: nobody else can send them)
     * @param confirmTimeout {@code misdirected.confirm_timeout}
     */
    SenderNotices(NoticeAddress from, ReplyTokens tokens, NoticeText text, Outbox outbox, Predicate<String> isInternal,
            Optional<String> reviewers, String publicUrl, String hostname, Clock clock, QuarantineStore store,
            BiFunction<String, String, String> revokeLink, boolean aboutHeldMail, java.time.Duration confirmTimeout) {
        this.from = from;
        this.tokens = tokens;
        this.text = text;
        this.outbox = outbox;
        this.isInternal = isInternal;
        this.reviewers = reviewers;
        this.publicUrl = publicUrl;
        this.hostname = hostname;
        this.clock = clock;
        this.store = store;
        this.revokeLink = revokeLink;
        this.aboutHeldMail = aboutHeldMail;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void outcomes(SpooledMessage message, List<Outcome> outcomes, boolean subjectSensitive, List<Advice> advice)
            throws IOException {
        Envelope e = message.envelope();
        if (e.isNullSender() || !isInternal.test(e.sender())) {
            return; // nobody to tell, or a sender that may be forged
        }
        List<Outcome> told = outcomes.stream().filter(o -> o.route() != Outcome.Route.CONSUMED
                && !isInternal.test(o.recipient()) && (aboutHeldMail || o.route() != Outcome.Route.HELD
                        || o.hold() != null && o.hold().rule() == HoldReason.Rule.AWAITING_SENDER)).toList();
        boolean held = told.stream().anyMatch(o -> o.route() == Outcome.Route.HELD);
        boolean portal = told.stream().anyMatch(o -> o.route() == Outcome.Route.PORTAL);
        boolean released = aboutHeldMail && e.origin() == Envelope.Origin.RELEASED_PROTECTED;
        if (!held && !portal && !released && advice.isEmpty()) {
            return; // encrypted or over verified TLS, as the sender expects: nothing to say
        }
        QuarantineItem item;
        QuarantineItem releasedFrom;
        try {
            Optional<Long> id = held ? store.idOf(e.queueId()) : Optional.empty();
            item = id.isPresent() ? store.find(id.get()).orElse(null) : null;
            releasedFrom = released ? store.releasedAs(e.queueId()).orElse(null) : null;
        } catch (SQLException ex) {
            throw new IOException("the quarantine cannot be read for the sender's notice: " + ex.getMessage(), ex);
        }
        if (held && item == null) {
            throw new IOException("the held item of " + e.queueId() + " is not there yet");
        }
        String token = item == null ? null : tokens.tokenFor(item.id());
        NoticeText.Text t = text.report(new NoticeText.Report(message.headers().subject(), subjectSensitive,
                e.received(), told, rcpt -> revokeLink.apply(e.queueId(), rcpt), item,
                token == null ? null : publicUrl + "/withdraw?t=" + token, releasedFrom, advice,
                token == null ? null : publicUrl + "/confirm?t=" + token,
                item == null ? null : item.held().plus(confirmTimeout)));
        String id = item != null ? messageId(item, "held") : OutgoingMail.id(e.queueId(), "report-notice", hostname);
        String inReplyTo = releasedFrom == null ? null : messageId(releasedFrom, "held");
        String replyTo = token != null ? from.withToken(token) : reviewers.orElse(null);
        // From the null sender: a notice that cannot be delivered must not bounce back into a loop.
        Envelope sent = outbox.send("", List.of(e.sender()), Envelope.Origin.GATEWAY,
                new NoticeMail(from.address(), e.sender(), replyTo, t.subject(), t.body(), id, inReplyTo)
                        .toBytes(clock));
        log.info("{}: notice to the sender queued as {} ({} recipient(s): {})", e.queueId(), sent.queueId(),
                told.size(), String.join(",", told.stream().map(o -> o.route().name().toLowerCase(Locale.ROOT))
                        .distinct().toList()));
    }

    @Override
    public void decided(QuarantineItem item) {
        // A copy that waited for its sender is the sender's business whatever notify_senders says.
        boolean waitedForSender = item.rules().contains(HoldReason.Rule.AWAITING_SENDER);
        if (!aboutHeldMail && !waitedForSender || !toBeTold(item)) {
            return;
        }
        if (item.status() == QuarantineItem.Status.RELEASED && !"CLEAR".equals(item.releaseMode())) {
            return; // the released message's own notice says how it reached each recipient
        }
        // Replies to a decided item change nothing, so they go to the team (if there is one), not to a token.
        NoticeText.Text t = text.decided(item, reviewers.isPresent());
        String kind = item.status().name().toLowerCase(Locale.ROOT);
        send(item, kind, new NoticeMail(from.address(), item.sender(), reviewers.orElse(null), t.subject(), t.body(),
                messageId(item, kind), messageId(item, "held")));
    }

    private boolean toBeTold(QuarantineItem item) {
        String sender = item.sender();
        if (sender == null || sender.isEmpty() || !isInternal.test(sender)) {
            log.info("{}: quarantine item {}: no notice, the sender is {}", item.queueId(), item.id(),
                    sender == null || sender.isEmpty() ? "the null sender" : "not internal");
            return false;
        }
        return true;
    }

    private void send(QuarantineItem item, String kind, NoticeMail mail) {
        try {
            Envelope sent = outbox.send("", List.of(item.sender()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
            log.info("{}: quarantine item {}: {} notice to the sender queued as {}", item.queueId(), item.id(), kind,
                    sent.queueId());
        } catch (IOException | RuntimeException e) {
            log.error("{}: quarantine item {}: the {} notice to the sender could not be queued: {}", item.queueId(),
                    item.id(), kind, e.toString());
        }
    }

    /** Stable per item and kind, so the second notice can name the first (In-Reply-To) and threads. */
    private String messageId(QuarantineItem item, String kind) {
        return OutgoingMail.id(item.id() + "." + item.queueId(), kind + "-notice", hostname);
    }
}
