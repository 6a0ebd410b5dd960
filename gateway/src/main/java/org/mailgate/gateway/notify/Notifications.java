package org.mailgate.gateway.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.pipeline.DecisionExecutor;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineEvents;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;

/**
 * The parts of this package as the composition root needs them: the sender notices to register
 * with the quarantine, the decorators that route replies to notices away from delivery, and
 * the withdrawal link's entry point. All share one token key and one notice address.
 */
public final class Notifications {

    private final NoticeAddress address;
    private final SenderNotices senderNotices;
    private final NoticeReplies replies;
    private final Withdrawals withdrawals;

    /** @param tokenKey {@code masterKey.derive("reply-token")}, the same on every node */
    public Notifications(GatewayConfig config, Quarantine quarantine, Outbox outbox, byte[] tokenKey, Clock clock) {
        GatewayConfig.Quarantine q = config.quarantine();
        Predicate<String> isInternal = a -> config.domains().isInternal(Envelope.domainOf(a));
        String publicUrl = config.web().publicUrl();
        String hostname = config.smtp().hostname();
        ReplyTokens tokens = new ReplyTokens(tokenKey);
        NoticeText text = new NoticeText(clock.getZone(), Duration.ofDays(q.retentionDays()));
        this.address = new NoticeAddress(q.notifyAddress());
        this.senderNotices = new SenderNotices(address, tokens, text, outbox, isInternal, q.reviewerAddress(),
                publicUrl, hostname, clock);
        this.replies = new NoticeReplies(address, tokens, quarantine, text, outbox, q.reviewerAddress(), publicUrl,
                hostname, clock, config.smtp()::isAllowedNetwork);
        this.withdrawals = new Withdrawals(tokens, quarantine);
    }

    /** What the quarantine should tell: held and decided notices to internal senders. */
    public QuarantineEvents senderNotices() {
        return senderNotices;
    }

    /** {@code stage}, with replies to notices taken out before it sees the message. */
    public ProcessingStage replies(ProcessingStage stage) {
        return new NoticeReplyStage(address, stage);
    }

    /** {@code executor}, with replies to notices handled (and consumed) here. */
    public DecisionExecutor replies(DecisionExecutor executor) {
        return new ConsumingExecutor(replies, executor);
    }

    public Withdrawals withdrawals() {
        return withdrawals;
    }

    public NoticeAddress address() {
        return address;
    }
}
