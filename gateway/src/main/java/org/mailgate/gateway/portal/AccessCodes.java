package org.mailgate.gateway.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;

/**
 * How a recipient proves they own the address: a six-digit one-time code sent to it, never
 * shown on the page. Limited per message (codes asked for, wrong codes) and per client; a
 * right code opens a short reading session for that message only.
 */
public final class AccessCodes {

    /** Codes a recipient may ask for per message per hour. */
    static final int CODES_PER_HOUR = 5;
    /** Wrong codes per message per hour before the message is locked for the rest of the hour. */
    static final int FAILURES_PER_HOUR = 10;

    /** A verified reader's session: the id for the cookie, and how long it lasts. */
    public record Session(String id, Duration lifetime) {
    }

    private final PortalStore store;
    private final byte[] codeKey;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewayConfig config;
    private final SecureRandom random = new SecureRandom();
    private final ClientThrottle throttle;

    AccessCodes(PortalStore store, byte[] codeKey, AuditLog audit, Outbox outbox, Clock clock, GatewayConfig config) {
        this.store = store;
        this.codeKey = codeKey;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.throttle = new ClientThrottle(clock, 30, Duration.ofMinutes(10));
    }

    /** Sends a one-time code to the recipient's address. */
    public Outcome request(String token, String client) throws SQLException, IOException {
        if (!throttle.allow(client)) {
            return new Outcome(false, "Too many attempts from your connection. Please wait a few minutes.");
        }
        Optional<PortalMessage> found = store.byLink(token);
        if (found.isEmpty()) {
            return new Outcome(false, "This link is not valid.");
        }
        PortalMessage m = found.get();
        Instant now = clock.instant();
        String unavailable = m.unavailableReason(now);
        if (unavailable != null) {
            return new Outcome(false, unavailable);
        }
        if (store.codesSince(m.id(), now.minus(Duration.ofHours(1))) >= CODES_PER_HOUR) {
            audit.record(m.recipient(), "PORTAL_CODE_LIMIT", null, "message " + m.id(), client);
            return new Outcome(false,
                    "We have sent several codes already. Please use the latest one, or try again in an hour.");
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        store.addCode(m.id(), codeHash(m.id(), code), now, now.plus(config.portal().codeTtl()));
        outbox.send("", List.of(m.recipient()), Envelope.Origin.GATEWAY,
                PortalNotices.code(config, m.recipient(), code, config.portal().codeTtl(), Portal.domain(config), clock));
        audit.record(m.recipient(), "PORTAL_CODE_SENT", null, "message " + m.id(), client);
        return new Outcome(true, "We have sent a code to " + m.recipient() + ". It works for "
                + config.portal().codeTtl().toMinutes() + " minutes.");
    }

    /**
     * Checks a code. Right: a short session for this message only. Wrong: counted against the
     * code, the message and the client; too many and the message is locked for an hour.
     */
    public Optional<Session> verify(String token, String code, String client) throws SQLException {
        if (!throttle.allow(client)) {
            return Optional.empty();
        }
        Optional<PortalMessage> found = store.byLink(token);
        if (found.isEmpty() || found.get().unavailableReason(clock.instant()) != null) {
            return Optional.empty();
        }
        PortalMessage m = found.get();
        Instant now = clock.instant();
        if (locked(m.id())) {
            audit.record(m.recipient(), "PORTAL_LOCKED", null, "message " + m.id(), client);
            return Optional.empty();
        }
        Optional<PortalStore.Code> live = store.liveCode(m.id(), now, config.portal().maxCodeAttempts());
        String given = code == null ? "" : code.replaceAll("\\s", "");
        boolean right = live.isPresent() && given.matches("\\d{6}") && MessageDigest.isEqual(
                live.get().hash().getBytes(StandardCharsets.US_ASCII),
                codeHash(m.id(), given).getBytes(StandardCharsets.US_ASCII));
        if (!right || !store.useCode(live.get().id())) {
            if (live.isPresent()) {
                store.countAttempt(live.get().id());
            }
            store.addFailure(m.id(), now, client);
            audit.record(m.recipient(), "PORTAL_CODE_FAILED", null, "message " + m.id(), client);
            return Optional.empty();
        }
        String sessionId = Links.randomToken();
        store.addSession(Users.sha256(sessionId), m.id(), now, now.plus(config.portal().sessionTimeout()));
        audit.record(m.recipient(), "PORTAL_VERIFIED", null, "message " + m.id(), client);
        return Optional.of(new Session(sessionId, config.portal().sessionTimeout()));
    }

    /** True while the message has had too many wrong codes in the last hour. */
    public boolean locked(long messageId) throws SQLException {
        return store.failuresSince(messageId, clock.instant().minus(Duration.ofHours(1))) >= FAILURES_PER_HOUR;
    }

    private String codeHash(long messageId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(codeKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((messageId + ":" + code).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
