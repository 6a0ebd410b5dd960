package org.mailgate.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.mail.MessageHeaders;
import org.mailgate.gateway.pipeline.Deposit;
import org.mailgate.gateway.pipeline.ProcessLaterException;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.SealedBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a protected message into the portal for each recipient the policy sent there: sealed
 * under a key of its own, streamed from the spool, with the recipient's notice written in the
 * same transaction. The sender hears of it in the one notice the pipeline sends per message,
 * with a revoke link ({@link Portal#revokeLink}) that can be made again for a repeat.
 */
final class PortalDeposit implements Deposit {

    private static final Logger log = LoggerFactory.getLogger(PortalDeposit.class);

    private final PortalStore store;
    private final SealedBox keyWrap;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewayConfig config;
    private final RevokeTokens revokeTokens;
    private final SecureRandom random = new SecureRandom();

    PortalDeposit(PortalStore store, SealedBox keyWrap, AuditLog audit, Outbox outbox, Clock clock,
            GatewayConfig config, RevokeTokens revokeTokens) {
        this.revokeTokens = revokeTokens;
        this.store = store;
        this.keyWrap = keyWrap;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Keeps the message for each recipient and sends them their notice. A recipient whose copy cannot be stored is held (for
     * review), never sent in clear.
     */
    @Override
    public List<RecipientState> deposit(SpooledMessage message, List<Decision.Portal> decisions) {
        Envelope e = message.envelope();
        String subject = message.headers().subject();
        List<RecipientState> out = new ArrayList<>();
        for (Decision.Portal d : decisions) {
            try (InputStream content = message.open()) {
                out.add(deposit(e, d, content, subject, message.headers()));
            } catch (SQLException ex) {
                if (Database.isUnavailable(ex)) {
                    throw new ProcessLaterException("the portal's store cannot be reached: " + ex.getMessage(), ex);
                }
                out.add(failed(e, d, ex));
            } catch (IOException | RuntimeException ex) {
                out.add(failed(e, d, ex));
            }
        }
        return out;
    }

    private static RecipientState failed(Envelope e, Decision.Portal d, Exception ex) {
        if (ProcessLaterException.of(ex) != null) {
            throw ProcessLaterException.of(ex); // the disk is full: not the message's fault
        }
        log.error("{}: cannot keep the message in the portal for <{}>, holding it: {}", e.queueId(), d.recipient(),
                ex.toString());
        return RecipientState.held(d.recipient(), d.reason() + "; the portal store failed: " + ex.getMessage());
    }

    private RecipientState deposit(Envelope e, Decision.Portal d, InputStream content, String subject,
            MessageHeaders headers) throws SQLException, IOException {
        String token = Links.randomToken();
        String senderToken = revokeTokens.tokenFor(e.queueId(), d.recipient());
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(config.portal().expiryDays()));
        String context = context(e.queueId(), d.recipient());
        String domain = Portal.domain(config);
        // The audit record and the notices are written inside the store's transaction: if any of
        // them fails the message is not stored either, and the whole deposit runs again later.
        Optional<Long> id = store.insert(new PortalStore.NewMessage(Users.sha256(token), Users.sha256(senderToken),
                e.queueId(), d.recipient(), e.sender(), subject, d.hideSubject(), now, expires,
                keyWrap.seal(dataKey, context), headers.messageId(), headers.references()),
                content, dataKey, context, (c, stored) -> {
                    audit.record(c, "system", "PORTAL_STORE", null, "message " + stored + " for " + d.recipient()
                            + " from " + e.sender() + " (queue id " + e.queueId() + ")", "");
                    outbox.send("", List.of(d.recipient()), Envelope.Origin.GATEWAY, PortalNotices.recipientNotice(
                            config, e.sender(), d.recipient(), d.hideSubject() ? "" : subject, expires,
                            config.web().publicUrl() + "/p/" + token, domain, clock));
                });
        RecipientState kept = RecipientState.pending(d.recipient(), RecipientState.ORIGINAL, false, d.reason());
        if (id.isEmpty()) {
            // Stored before a crash, with its notices, in one step: nothing more to do.
            return kept.handled("secure portal (already stored)");
        }
        log.info("{}: kept in the secure portal as message {} for <{}>, notice sent", e.queueId(), id.get(),
                d.recipient());
        return kept.handled("secure portal message " + id.get());
    }

    /** What a message's key is bound to: its queue id and recipient. */
    static String context(String queueId, String recipient) {
        return "portal:" + queueId + ":" + recipient.toLowerCase(Locale.ROOT);
    }
}
