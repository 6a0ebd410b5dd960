package org.mailgate.gateway.notify;

import java.util.ArrayList;
import java.util.List;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the real stage: recipients that are the notice address (a reply to a notice) are
 * the gateway's own mail and get {@link Decision.Consume}; the others go to the wrapped stage,
 * which sees an envelope with only them (so a reply is never classified for their sake).
 */
final class NoticeReplyStage implements ProcessingStage {

    private static final Logger log = LoggerFactory.getLogger(NoticeReplyStage.class);

    private final NoticeAddress address;
    private final ProcessingStage next;

    NoticeReplyStage(NoticeAddress address, ProcessingStage next) {
        this.address = address;
        this.next = next;
    }

    @Override
    public List<Decision> process(SpooledMessage message) throws Exception {
        Envelope e = message.envelope();
        List<String> replies = e.recipients().stream().filter(address::matches).toList();
        if (replies.isEmpty()) {
            return next.process(message);
        }
        List<Decision> out = new ArrayList<>();
        replies.forEach(r -> out.add(new Decision.Consume(r, "reply to a quarantine notice")));
        List<String> others = e.recipients().stream().filter(r -> !address.matches(r)).toList();
        if (others.isEmpty()) {
            return out;
        }
        Envelope theirs = new Envelope(e.queueId(), e.sender(), others, e.received(), e.clientAddress(),
                e.clientHelo(), e.authenticatedUser(), e.tls(), e.smtpUtf8(), e.origin());
        try {
            out.addAll(next.process(new SpooledMessage(theirs, message.content())));
        } catch (Exception ex) {
            // Throwing would lose the Consume decisions too, and mail for a notice address in an
            // internal domain would then be delivered to the internal server, which sends it back
            // here. The Processor fails closed for the recipients left without a decision.
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("{}: processing failed for {} recipient(s) besides the notice reply: {}", e.queueId(),
                    others.size(), ex.toString());
        }
        return out;
    }
}
