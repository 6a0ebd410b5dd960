package org.mailgate.gateway.ooo;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.mailgate.gateway.pipeline.Observer;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.spool.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has mail received over SMTP for staff on leave answered. What is delivered does not depend
 * on the reply, and this never throws on its account. The header section comes with the
 * message; the reply itself (store look-ups, sending) runs on {@code replies}, so a slow store
 * never delays mail.
 */
final class AutoReplyObserver implements Observer {

    private static final Logger log = LoggerFactory.getLogger(AutoReplyObserver.class);

    private final AutoResponder responder;
    private final Predicate<String> isInternalAddress;
    private final Executor replies;

    AutoReplyObserver(AutoResponder responder, Predicate<String> isInternalAddress, Executor replies) {
        this.responder = responder;
        this.isInternalAddress = isInternalAddress;
        this.replies = replies;
    }

    @Override
    public void seen(SpooledMessage message) {
        Envelope e = message.envelope();
        if (e.origin() != Envelope.Origin.SMTP || e.recipients().stream().noneMatch(isInternalAddress)) {
            return;
        }
        if (!message.headers().readable()) {
            log.warn("{}: no auto-reply: the header section cannot be read; the message itself is delivered as usual",
                    e.queueId());
            return;
        }
        try {
            replies.execute(() -> responder.respond(e, message.headers()));
        } catch (RejectedExecutionException ex) {
            log.warn("{}: too many auto-replies waiting; none for this message", e.queueId());
        }
    }
}
