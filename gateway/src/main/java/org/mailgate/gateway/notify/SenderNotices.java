package org.mailgate.gateway.notify;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.quarantine.QuarantineEvents;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an internal sender that their message was held, and again when it is decided. Only
 * internal senders are told: an external envelope sender may be forged, and telling it what
 * a message contained would leak it. A notice that cannot be sent is logged and forgotten; it
 * never changes the item.
 */
final class SenderNotices implements QuarantineEvents {

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

    SenderNotices(NoticeAddress from, ReplyTokens tokens, NoticeText text, Outbox outbox, Predicate<String> isInternal,
            Optional<String> reviewers, String publicUrl, String hostname, Clock clock) {
        this.from = from;
        this.tokens = tokens;
        this.text = text;
        this.outbox = outbox;
        this.isInternal = isInternal;
        this.reviewers = reviewers;
        this.publicUrl = publicUrl;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** Queues the held notice; a spool that cannot take it now fails the hold, which is tried again. */
    @Override
    public void held(QuarantineItem item) throws IOException {
        if (!toBeTold(item)) {
            return;
        }
        String token = tokens.tokenFor(item.id());
        NoticeText.Text t = text.held(item, publicUrl + "/withdraw?t=" + token);
        queue(item, "held", new NoticeMail(from.address(), item.sender(), from.withToken(token), t.subject(), t.body(),
                messageId(item, "held"), null));
    }

    @Override
    public void decided(QuarantineItem item) {
        if (!toBeTold(item)) {
            return;
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

    private void queue(QuarantineItem item, String kind, NoticeMail mail) throws IOException {
        // From the null sender: a notice that cannot be delivered must not bounce back into a loop.
        Envelope sent = outbox.send("", List.of(item.sender()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
        log.info("{}: quarantine item {}: {} notice to the sender queued as {}", item.queueId(), item.id(), kind,
                sent.queueId());
    }

    private void send(QuarantineItem item, String kind, NoticeMail mail) {
        try {
            queue(item, kind, mail);
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
