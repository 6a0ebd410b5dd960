package org.mailgate.gateway.smtp;

import java.io.IOException;
import java.time.ZonedDateTime;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.SpoolWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared end of DATA and BDAT: opens a spool file for the transaction (Received header
 * first) and, once all data is in, either refuses the message or makes it durable and only
 * then answers 250 with the queue id.
 */
final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final ReceiveContext ctx;
    private final SpoolWriter writer;
    private final ContentChecker checker;

    private Intake(ReceiveContext ctx, SpoolWriter writer, ContentChecker checker) {
        this.ctx = ctx;
        this.writer = writer;
        this.checker = checker;
    }

    /** @throws IOException when the spool cannot be written: the caller answers 451 4.3.0. */
    static Intake open(ReceiveContext ctx, Connection c) throws IOException {
        Transaction tx = c.transaction();
        Envelope envelope = new Envelope(ctx.queueIds().next(), tx.sender(), tx.recipients(), ctx.clock().instant(),
                c.client().getHostAddress(), c.session().getHelo().orElse(""), c.authenticatedUser(), c.tls(),
                tx.smtpUtf8(), Envelope.Origin.SMTP);
        SpoolWriter writer;
        try {
            writer = ctx.spool().create(envelope);
        } catch (IOException e) {
            log.error("{}: cannot create spool file: {}", envelope.queueId(), e.toString());
            throw e;
        }
        ContentChecker checker = new ContentChecker(writer.content(), ctx.smtp().maxMessageBytes(),
                ctx.smtp().maxHeaderBytes());
        checker.writeTrusted(ReceivedHeader.build(envelope, c.esmtp(), ctx.smtp().hostname(),
                ZonedDateTime.ofInstant(envelope.received(), ctx.clock().getZone())));
        return new Intake(ctx, writer, checker);
    }

    ContentChecker checker() {
        return checker;
    }

    /** Ends the transaction: the reply to send for the final dot or BDAT LAST. */
    Reply finish() {
        Envelope e = writer.envelope();
        ContentChecker.Problem problem = checker.problem();
        if (problem != null) {
            writer.abort();
            ctx.metrics().rejected(problem.name());
            log.info("{}: refused from [{}]: {}", e.queueId(), e.clientAddress(), problem.reply);
            return problem.reply;
        }
        try {
            writer.commit();
        } catch (IOException ex) {
            log.error("{}: could not make the message durable, answering 451: {}", e.queueId(), ex.toString());
            ctx.metrics().rejected("SPOOL_WRITE");
            return new Reply(451, "4.3.0", "Could not store the message; please try again later");
        }
        log.info("{}: from=<{}> size={} nrcpt={} client=[{}]{}{}", e.queueId(), e.sender(), checker.bytes(),
                e.recipients().size(), e.clientAddress(), e.tls() ? " tls" : "",
                e.authenticatedUser() != null ? " auth=" + e.authenticatedUser() : "");
        ctx.metrics().received(checker.bytes());
        ctx.onAccepted().accept(e);
        return new Reply(250, "2.0.0", "Ok: queued as " + e.queueId());
    }

    void abort() {
        writer.abort();
    }
}
