package org.mailgate.gateway.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.pipeline.OwnMail;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;

/**
 * The parts of this package as the composition root needs them: the sender notices the
 * quarantine sends (built before it), the handling of replies to notices (a pipeline step,
 * built after it) and the withdrawal link's entry point. All share one token key and one
 * notice address.
 */
public final class Notifications {

    private final NoticeReplies replies;
    private final Withdrawals withdrawals;

    /**
     * What senders are told: the pipeline's one notice per message (the {@link
     * org.mailgate.gateway.pipeline.OutcomeListener}) and the quarantine's decided notices (its
     * {@link org.mailgate.gateway.quarantine.QuarantineEvents}). With {@code
     * quarantine.notify_senders: false}, only portal deliveries are reported.
     *
     * @param tokenKey {@code masterKey.derive("reply-token")}, the same on every node
     * @param revokeLink the sender's withdraw link for a portal copy, by queue id and recipient
     */
    public static SenderNotices senderNotices(GatewayConfig config, Outbox outbox, byte[] tokenKey,
            QuarantineStore store, BiFunction<String, String, String> revokeLink, Clock clock) {
        GatewayConfig.Quarantine q = config.quarantine();
        return new SenderNotices(new NoticeAddress(q.notifyAddress()), new ReplyTokens(tokenKey), text(config, clock),
                outbox, isInternal(config), q.reviewerAddress(), config.web().publicUrl(), config.smtp().hostname(),
                clock, store, revokeLink, q.notifySenders(), config.misdirected().confirmTimeout());
    }

    /** @param tokenKey the same key as {@link #senderNotices}'s */
    public Notifications(GatewayConfig config, Quarantine quarantine, Outbox outbox, byte[] tokenKey, Clock clock) {
        GatewayConfig.Quarantine q = config.quarantine();
        ReplyTokens tokens = new ReplyTokens(tokenKey);
        this.replies = new NoticeReplies(new NoticeAddress(q.notifyAddress()), tokens, quarantine, text(config, clock),
                outbox, q.reviewerAddress(), config.web().publicUrl(), config.smtp().hostname(), clock,
                config.smtp()::isAllowedNetwork);
        this.withdrawals = new Withdrawals(tokens, quarantine);
    }

    private static NoticeText text(GatewayConfig config, Clock clock) {
        return new NoticeText(clock.getZone(), Duration.ofDays(config.quarantine().retentionDays()));
    }

    private static Predicate<String> isInternal(GatewayConfig config) {
        return a -> config.domains().isInternal(Envelope.domainOf(a));
    }

    /** Replies to notices (justification, false positive, withdraw), taken out of the pipeline as own mail. */
    public OwnMail replies() {
        return replies;
    }

    public Withdrawals withdrawals() {
        return withdrawals;
    }
}
