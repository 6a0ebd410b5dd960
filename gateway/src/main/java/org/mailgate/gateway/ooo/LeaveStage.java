package org.mailgate.gateway.ooo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the real processing stage and, as a side effect, has mail received over SMTP for
 * staff on leave answered. It returns the wrapped stage's decisions unchanged and never
 * throws on the auto-reply's account: what is delivered does not depend on the reply. The
 * header section is read here, while the spooled message surely exists; the reply itself
 * (store look-ups, sending) runs on {@code replies}, so a slow store never delays mail.
 */
final class LeaveStage implements ProcessingStage {

    private static final Logger log = LoggerFactory.getLogger(LeaveStage.class);

    private final ProcessingStage inner;
    private final AutoResponder responder;
    private final Predicate<String> isInternalAddress;
    private final Executor replies;

    LeaveStage(ProcessingStage inner, AutoResponder responder, Predicate<String> isInternalAddress, Executor replies) {
        this.inner = inner;
        this.responder = responder;
        this.isInternalAddress = isInternalAddress;
        this.replies = replies;
    }

    @Override
    public List<Decision> process(SpooledMessage message) throws Exception {
        try {
            return inner.process(message);
        } finally {
            considerReplying(message);
        }
    }

    private void considerReplying(SpooledMessage message) {
        Envelope e = message.envelope();
        if (e.origin() != Envelope.Origin.SMTP || e.recipients().stream().noneMatch(isInternalAddress)) {
            return;
        }
        try {
            IncomingHeaders headers;
            try (InputStream in = message.open()) {
                headers = IncomingHeaders.read(in);
            }
            replies.execute(() -> responder.respond(e, headers));
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof RejectedExecutionException) {
                log.warn("{}: too many auto-replies waiting; none for this message", e.queueId());
            } else {
                log.warn("{}: no auto-reply: {}; the message itself is delivered as usual", e.queueId(), ex.toString());
            }
        }
    }
}
