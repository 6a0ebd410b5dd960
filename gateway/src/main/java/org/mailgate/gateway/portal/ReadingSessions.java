package org.mailgate.gateway.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.SealedBox;

/**
 * A verified recipient reading their message: the session a right code opened, bound to that
 * one message; every view, print and download audited; the sender told of the first opening.
 */
public final class ReadingSessions {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm", Locale.UK);

    /** The message's bytes, opened afresh for each use and streamed from the store. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** An opened message: what it is, and how to read its bytes. */
    public record Reading(PortalMessage message, Content content) {
    }

    private final PortalStore store;
    private final SealedBox keyWrap;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewayConfig config;

    ReadingSessions(PortalStore store, SealedBox keyWrap, AuditLog audit, Outbox outbox, Clock clock,
            GatewayConfig config) {
        this.store = store;
        this.keyWrap = keyWrap;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** True when the session may read the message behind the link. */
    public boolean verified(String token, String sessionId) throws SQLException {
        return sessionMessage(token, sessionId).isPresent();
    }

    /**
     * The message for a verified session, if the session is for this link's message and the
     * message is still available. {@code what} (VIEW, PRINT, DOWNLOAD) is audited; the first
     * read tells the sender.
     */
    public Optional<Reading> read(String token, String sessionId, String what, String client)
            throws SQLException, IOException {
        Optional<PortalMessage> m = sessionMessage(token, sessionId);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        PortalMessage message = m.get();
        PortalStore.Sealed sealed = store.sealed(message.id()).orElseThrow();
        String context = PortalDeposit.context(message.queueId(), message.recipient());
        byte[] dataKey;
        try {
            dataKey = keyWrap.open(sealed.wrappedKey(), context);
        } catch (GeneralSecurityException e) {
            throw new IOException("portal message " + message.id() + " cannot be opened with this node's master key: "
                    + e.getMessage(), e);
        }
        Content content = sealed.content() == null ? () -> store.body(message.id(), dataKey, context)
                : () -> legacy(sealed.content(), dataKey, context); // stored before bodies were kept in segments
        audit.record(message.recipient(), "PORTAL_" + what, null, "message " + message.id(), client);
        if (store.markOpened(message.id(), clock.instant()) && config.domains().isInternal(
                Envelope.domainOf(message.sender()))) {
            outbox.send("", List.of(message.sender()), Envelope.Origin.GATEWAY, PortalNotices.openedReceipt(config,
                    message, TIME.format(clock.instant().atZone(ZoneId.of("Europe/London"))), Portal.domain(config),
                    clock));
        }
        return Optional.of(new Reading(message, content));
    }

    private static InputStream legacy(byte[] sealed, byte[] dataKey, String context) throws IOException {
        try {
            return new ByteArrayInputStream(new SealedBox(dataKey).open(sealed, context));
        } catch (GeneralSecurityException e) {
            throw new IOException("a portal message cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The message behind the link when the session was opened for it and it is still available. */
    Optional<PortalMessage> sessionMessage(String token, String sessionId) throws SQLException {
        Optional<PortalMessage> m = store.byLink(token);
        if (m.isEmpty() || sessionId == null || m.get().unavailableReason(clock.instant()) != null) {
            return Optional.empty();
        }
        Optional<Long> sessionFor = store.sessionMessage(Users.sha256(sessionId), clock.instant());
        return sessionFor.isPresent() && sessionFor.get() == m.get().id() ? m : Optional.empty();
    }

    public void end(String sessionId) throws SQLException {
        if (sessionId != null) {
            store.endSession(Users.sha256(sessionId));
        }
    }
}
