package org.mailgate.gateway.portal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.pipeline.Deposit;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.MasterKey;
import org.mailgate.gateway.store.SealedBox;

/**
 * Secure pickup, put together. A protected message for a recipient without a certificate is
 * {@linkplain #deposit() deposited} here, sealed with a key of its own; the recipient gets a
 * notice with an unguessable link, proves they own the address with a {@linkplain #codes()
 * one-time code}, {@linkplain #sessions() reads} the message in the browser and may
 * {@linkplain #replies() reply}. The sender is told when it is first opened and may revoke it.
 * Every access is audited.
 */
public final class Portal {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    private final PortalStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final PortalDeposit deposit;
    private final AccessCodes codes;
    private final ReadingSessions sessions;
    private final SecureReplies replies;
    private final RevokeTokens revokeTokens;
    private final String publicUrl;

    public Portal(Database db, MasterKey masterKey, AuditLog audit, Outbox outbox, Clock clock, GatewayConfig config) {
        this.store = new PortalStore(db);
        this.audit = audit;
        this.clock = clock;
        SealedBox keyWrap = new SealedBox(masterKey.derive("portal-key-wrap"));
        this.revokeTokens = new RevokeTokens(masterKey.derive("portal-revoke"));
        this.publicUrl = config.web().publicUrl();
        this.deposit = new PortalDeposit(store, keyWrap, audit, outbox, clock, config, revokeTokens);
        this.codes = new AccessCodes(store, masterKey.derive("portal-code"), audit, outbox, clock, config);
        this.sessions = new ReadingSessions(store, keyWrap, audit, outbox, clock, config);
        this.replies = new SecureReplies(sessions, audit, outbox, clock, config);
    }

    /** The sender's link to withdraw the portal copy of message {@code queueId} for {@code recipient}. */
    public String revokeLink(String queueId, String recipient) {
        return publicUrl + "/revoke/" + revokeTokens.tokenFor(queueId, recipient);
    }

    /** Portal messages deposited since {@code from}: how many their recipients have opened, and not. */
    public record Opened(long opened, long unopened) {
    }

    public Opened openedSince(Instant from) throws SQLException {
        long[] counts = store.openedSince(from);
        return new Opened(counts[0], counts[1] - counts[0]);
    }

    /** Where the pipeline hands messages for the portal. */
    public Deposit deposit() {
        return deposit;
    }

    public AccessCodes codes() {
        return codes;
    }

    public ReadingSessions sessions() {
        return sessions;
    }

    public SecureReplies replies() {
        return replies;
    }

    /** The message a link points to, if the link is genuine (it may still be expired or revoked). */
    public Optional<PortalMessage> lookup(String token) throws SQLException {
        return store.byLink(token);
    }

    public Optional<PortalMessage> find(long id) throws SQLException {
        return store.find(id);
    }

    /** The portal's clock, so pages judge expiry by the same time as the store. */
    public Instant now() {
        return clock.instant();
    }

    /** The message a sender's revoke link is for, if the link is genuine. */
    public Optional<PortalMessage> bySenderLink(String senderToken) throws SQLException {
        return Links.wellFormed(senderToken) ? store.bySenderTokenHash(Users.sha256(senderToken)) : Optional.empty();
    }

    /** The sender's revoke link (from their notice). */
    public Outcome revokeBySender(String senderToken, String client) throws SQLException {
        Optional<PortalMessage> m = Links.wellFormed(senderToken)
                ? store.bySenderTokenHash(Users.sha256(senderToken)) : Optional.empty();
        return m.isEmpty() ? new Outcome(false, "This link is not valid.") : revoke(m.get(), m.get().sender(), client);
    }

    /** A reviewer (or an admin) revokes a portal message. */
    public Outcome revoke(long id, String actor, String client) throws SQLException {
        Optional<PortalMessage> m = store.find(id);
        return m.isEmpty() ? new Outcome(false, "No such message.") : revoke(m.get(), actor, client);
    }

    private Outcome revoke(PortalMessage m, String actor, String client) throws SQLException {
        if (!store.revoke(m.id(), actor, clock.instant())) {
            return new Outcome(false, "This message was already withdrawn.");
        }
        audit.record(actor, "PORTAL_REVOKE", null, "message " + m.id() + " for " + m.recipient(), client);
        return new Outcome(true, "The message to " + m.recipient() + " has been withdrawn; the link no longer works.");
    }

    /** Deletes messages past their expiry. */
    public int purgeExpired() throws SQLException {
        List<Long> gone = store.deleteExpired(clock.instant());
        for (long id : gone) {
            audit.record("system", "PORTAL_PURGE", null, "message " + id + " expired", "");
        }
        return gone.size();
    }

    /** The domain of the portal's From, for Message-IDs. */
    static String domain(GatewayConfig config) {
        return Envelope.domainOf(config.portal().from());
    }

    static String day(Instant t) {
        return DAY.format(t.atZone(ZoneId.of("Europe/London")));
    }
}
