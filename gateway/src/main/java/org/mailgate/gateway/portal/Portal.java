package org.mailgate.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.mail.OutgoingMail;
import org.mailgate.gateway.pipeline.Deposit;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.pipeline.ProcessLaterException;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.MasterKey;
import org.mailgate.gateway.store.SealedBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secure pickup. A protected message for a recipient without a certificate is kept here,
 * sealed with a key of its own; the recipient gets a notice with an unguessable link, proves
 * they own the address with a one-time code sent to it, and reads the message in the browser.
 * The sender is told when it is first opened and may revoke it. Every access is audited.
 */
public final class Portal implements Deposit {

    private static final Logger log = LoggerFactory.getLogger(Portal.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm", Locale.UK);
    /** Codes a recipient may ask for per message per hour. */
    static final int CODES_PER_HOUR = 5;
    /** Wrong codes per message per hour before the message is locked for the rest of the hour. */
    static final int FAILURES_PER_HOUR = 10;

    private final PortalStore store;
    private final SealedBox keyWrap;
    private final byte[] codeKey;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final GatewayConfig config;
    private final SecureRandom random = new SecureRandom();
    private final ClientThrottle throttle;

    public Portal(Database db, MasterKey masterKey, AuditLog audit, Outbox outbox, Clock clock, GatewayConfig config) {
        this.store = new PortalStore(db);
        this.keyWrap = new SealedBox(masterKey.derive("portal-key-wrap"));
        this.codeKey = masterKey.derive("portal-code");
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.throttle = new ClientThrottle(clock, 30, Duration.ofMinutes(10));
    }

    // ---- depositing (from the delivery queue) ------------------------------------------

    /**
     * Keeps the message for each recipient and sends them their notice, and the sender a
     * confirmation with a revoke link. A recipient whose copy cannot be stored is held (for
     * review), never sent in clear.
     */
    @Override
    public List<RecipientState> deposit(SpooledMessage message, List<Decision.Portal> decisions) {
        Envelope e = message.envelope();
        String subject = message.headers().subject();
        List<RecipientState> out = new ArrayList<>();
        for (Decision.Portal d : decisions) {
            // Each recipient's copy is sealed under its own key, streamed from the spool.
            try (InputStream content = message.open()) {
                out.add(deposit(e, d, content, subject));
            } catch (SQLException ex) {
                if (Database.isUnavailable(ex)) {
                    throw new ProcessLaterException("the portal's store cannot be reached: " + ex.getMessage(), ex);
                }
                if (ProcessLaterException.of(ex) != null) {
                    throw ProcessLaterException.of(ex); // the disk is full: not the message's fault
                }
                log.error("{}: cannot keep the message in the portal for <{}>, holding it: {}", e.queueId(),
                        d.recipient(), ex.toString());
                out.add(RecipientState.held(d.recipient(), d.reason() + "; the portal store failed: " + ex.getMessage()));
            } catch (IOException | RuntimeException ex) {
                if (ProcessLaterException.of(ex) != null) {
                    throw ProcessLaterException.of(ex);
                }
                log.error("{}: cannot keep the message in the portal for <{}>, holding it: {}", e.queueId(),
                        d.recipient(), ex.toString());
                out.add(RecipientState.held(d.recipient(), d.reason() + "; the portal store failed: " + ex.getMessage()));
            }
        }
        return out;
    }

    private RecipientState deposit(Envelope e, Decision.Portal d, InputStream content, String subject)
            throws SQLException, IOException {
        String token = randomToken();
        String senderToken = randomToken();
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(config.portal().expiryDays()));
        String context = "portal:" + e.queueId() + ":" + d.recipient().toLowerCase(Locale.ROOT);
        // The audit record and the notices are written inside the store's transaction: if any of
        // them fails the message is not stored either, and the whole deposit runs again later.
        Optional<Long> id = store.insert(new PortalStore.NewMessage(Users.sha256(token), Users.sha256(senderToken),
                e.queueId(), d.recipient(), e.sender(), subject, now, expires, keyWrap.seal(dataKey, context)),
                content, dataKey, context, (c, stored) -> {
                    audit.record(c, "system", "PORTAL_STORE", null, "message " + stored + " for " + d.recipient()
                            + " from " + e.sender(), e.queueId());
                    outbox.send("", List.of(d.recipient()), Envelope.Origin.GATEWAY, PortalNotices.recipientNotice(
                            config, e.sender(), d.recipient(), d.hideSubject() ? "" : subject, expires, link(token),
                            domain(), clock));
                    if (!e.isNullSender() && config.domains().isInternal(Envelope.domainOf(e.sender()))) {
                        outbox.send("", List.of(e.sender()), Envelope.Origin.GATEWAY, PortalNotices.senderConfirmation(
                                config, e.sender(), d.recipient(), subject, expires,
                                config.web().publicUrl() + "/revoke/" + senderToken, domain(), clock));
                    }
                });
        if (id.isEmpty()) {
            // Stored before a crash, with its notices, in one step: nothing more to do.
            return RecipientState.pending(d.recipient(), RecipientState.ORIGINAL, false, d.reason())
                    .handled("secure portal (already stored)");
        }
        log.info("{}: kept in the secure portal as message {} for <{}>, notice sent", e.queueId(), id.get(),
                d.recipient());
        return RecipientState.pending(d.recipient(), RecipientState.ORIGINAL, false, d.reason())
                .handled("secure portal message " + id.get());
    }

    String link(String token) {
        return config.web().publicUrl() + "/p/" + token;
    }

    private String domain() {
        return Envelope.domainOf(config.portal().from());
    }

    private String randomToken() {
        byte[] raw = new byte[32]; // 256 bits
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    // ---- the recipient's side (web) -----------------------------------------------------

    /** What a recipient's request came to; {@code message} is fit to show them. */
    public record Outcome(boolean ok, String message) {
    }

    /** The message a link points to, if the link is genuine (it may still be expired or revoked). */
    public Optional<PortalMessage> lookup(String token) throws SQLException {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return store.byTokenHash(Users.sha256(token));
    }

    /** Sends a one-time code to the recipient's address (never shown on the page). */
    public Outcome requestCode(String token, String client) throws SQLException, IOException {
        if (!throttle.allow(client)) {
            return new Outcome(false, "Too many attempts from your connection. Please wait a few minutes.");
        }
        Optional<PortalMessage> found = lookup(token);
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
            return new Outcome(false, "We have sent several codes already. Please use the latest one, or try again in an hour.");
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        store.addCode(m.id(), codeHash(m.id(), code), now, now.plus(config.portal().codeTtl()));
        outbox.send("", List.of(m.recipient()), Envelope.Origin.GATEWAY,
                PortalNotices.code(config, m.recipient(), code, config.portal().codeTtl(), domain(), clock));
        audit.record(m.recipient(), "PORTAL_CODE_SENT", null, "message " + m.id(), client);
        return new Outcome(true, "We have sent a code to " + m.recipient() + ". It works for "
                + config.portal().codeTtl().toMinutes() + " minutes.");
    }

    /** A verified reader's session: the id for the cookie, and how long it lasts. */
    public record Session(String id, Duration lifetime) {
    }

    /**
     * Checks a code. Right: a short session for this message only. Wrong: counted against the
     * code, the message and the client; too many and the message is locked for an hour.
     */
    public Optional<Session> verifyCode(String token, String code, String client) throws SQLException {
        if (!throttle.allow(client)) {
            return Optional.empty();
        }
        Optional<PortalMessage> found = lookup(token);
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
            live.ifPresent(c -> {
                try {
                    store.countAttempt(c.id());
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            store.addFailure(m.id(), now, client);
            audit.record(m.recipient(), "PORTAL_CODE_FAILED", null, "message " + m.id(), client);
            return Optional.empty();
        }
        String sessionId = randomToken();
        store.addSession(Users.sha256(sessionId), m.id(), now, now.plus(config.portal().sessionTimeout()));
        audit.record(m.recipient(), "PORTAL_VERIFIED", null, "message " + m.id(), client);
        return Optional.of(new Session(sessionId, config.portal().sessionTimeout()));
    }

    /** True while the message has had too many wrong codes in the last hour. */
    public boolean locked(long messageId) throws SQLException {
        return store.failuresSince(messageId, clock.instant().minus(Duration.ofHours(1))) >= FAILURES_PER_HOUR;
    }

    /** An opened message: what it is, and its bytes. */
    public record Reading(PortalMessage message, byte[] content) {
    }

    /**
     * The message for a verified session, if the session is for this link's message and the
     * message is still available. The first read tells the sender.
     */
    public Optional<Reading> read(String token, String sessionId, String what, String client)
            throws SQLException, IOException {
        Optional<PortalMessage> m = sessionMessage(token, sessionId);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        PortalMessage message = m.get();
        PortalStore.Sealed sealed = store.sealed(message.id()).orElseThrow();
        String context = "portal:" + message.queueId() + ":" + message.recipient().toLowerCase(Locale.ROOT);
        byte[] content;
        try {
            byte[] dataKey = keyWrap.open(sealed.wrappedKey(), context);
            if (sealed.content() != null) { // stored before bodies were kept in segments
                content = new SealedBox(dataKey).open(sealed.content(), context);
            } else {
                try (InputStream in = store.body(message.id(), dataKey, context)) {
                    content = in.readAllBytes();
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("portal message " + message.id() + " cannot be opened with this node's master key: "
                    + e.getMessage(), e);
        }
        audit.record(message.recipient(), "PORTAL_" + what, null, "message " + message.id(), client);
        if (store.markOpened(message.id(), clock.instant()) && config.domains().isInternal(
                Envelope.domainOf(message.sender()))) {
            outbox.send("", List.of(message.sender()), Envelope.Origin.GATEWAY, PortalNotices.openedReceipt(config,
                    message, TIME.format(clock.instant().atZone(ZoneId.of("Europe/London"))), domain(), clock));
        }
        return Optional.of(new Reading(message, content));
    }

    private Optional<PortalMessage> sessionMessage(String token, String sessionId) throws SQLException {
        Optional<PortalMessage> m = lookup(token);
        if (m.isEmpty() || sessionId == null || m.get().unavailableReason(clock.instant()) != null) {
            return Optional.empty();
        }
        Optional<Long> sessionFor = store.sessionMessage(Users.sha256(sessionId), clock.instant());
        return sessionFor.isPresent() && sessionFor.get() == m.get().id() ? m : Optional.empty();
    }

    /** True when the session may read the message behind the link. */
    public boolean verified(String token, String sessionId) throws SQLException {
        return sessionMessage(token, sessionId).isPresent();
    }

    public void endSession(String sessionId) throws SQLException {
        if (sessionId != null) {
            store.endSession(Users.sha256(sessionId));
        }
    }

    /** The recipient's secure reply: delivered to the internal sender as ordinary internal mail. */
    public Outcome reply(String token, String sessionId, String text, List<ReplyAttachment> attachments,
            String client) throws SQLException, IOException {
        Optional<PortalMessage> m = sessionMessage(token, sessionId);
        if (m.isEmpty()) {
            return new Outcome(false, "Your session has ended. Please open the link again.");
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() && attachments.isEmpty()) {
            return new Outcome(false, "Write a reply or attach a file.");
        }
        PortalMessage message = m.get();
        String subject = message.subject().regionMatches(true, 0, "Re:", 0, 3) ? message.subject()
                : "Re: " + message.subject();
        // Written by a person, so ordinary mail: no Auto-Submitted.
        OutgoingMail mail = OutgoingMail.from(message.recipient(), null).to(message.sender()).subject(subject)
                .text(body + "\n\n-- \nSent securely through the " + config.portal().organisation()
                        + " secure mail portal.\n")
                .messageId(OutgoingMail.id(UUID.randomUUID().toString(), "portal-reply", domain()));
        for (ReplyAttachment a : attachments) {
            mail.attach(a.fileName(), a.contentType(), a.bytes());
        }
        outbox.send(message.recipient(), List.of(message.sender()), Envelope.Origin.GATEWAY, mail.toBytes(clock));
        audit.record(message.recipient(), "PORTAL_REPLY", null, "message " + message.id() + ", "
                + attachments.size() + " attachment(s)", client);
        return new Outcome(true, "Your reply has been sent securely to " + message.sender() + ".");
    }

    // ---- the sender's and reviewers' side ----------------------------------------------

    /** The sender's revoke link (from their confirmation notice). */
    public Outcome revokeBySender(String senderToken, String client) throws SQLException {
        if (senderToken == null || senderToken.length() != 43) {
            return new Outcome(false, "This link is not valid.");
        }
        Optional<PortalMessage> m = store.bySenderTokenHash(Users.sha256(senderToken));
        if (m.isEmpty()) {
            return new Outcome(false, "This link is not valid.");
        }
        return revoke(m.get(), m.get().sender(), client);
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

    /** The portal's clock, so pages judge expiry by the same time as the store. */
    public Instant now() {
        return clock.instant();
    }

    public Optional<PortalMessage> find(long id) throws SQLException {
        return store.find(id);
    }

    /** Deletes messages past their expiry. */
    public int purgeExpired() throws SQLException {
        List<Long> gone = store.deleteExpired(clock.instant());
        for (long id : gone) {
            audit.record("system", "PORTAL_PURGE", null, "message " + id + " expired", "");
        }
        return gone.size();
    }

    static String day(Instant t) {
        return DAY.format(t.atZone(ZoneId.of("Europe/London")));
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
