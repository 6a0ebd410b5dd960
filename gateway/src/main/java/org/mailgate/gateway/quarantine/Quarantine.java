package org.mailgate.gateway.quarantine;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailgate.gateway.pipeline.HoldingArea;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.pipeline.Verdict;
import org.mailgate.gateway.policy.ClassificationJson;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.classifier.Classification;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Held mail waiting for the Information Assurance team: takes held recipients over from the
 * spool, keeps the message sealed at rest, and carries out reviewers' and senders' decisions.
 * Every view of a body and every decision is written to the audit log in the same
 * transaction as the change.
 */
public final class Quarantine implements HoldingArea {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
    public static final String SYSTEM = "system";
    /** How long after a VIEW the same reviewer's next look at the same item is not recorded again. */
    static final Duration VIEW_AGAIN = Duration.ofMinutes(1);

    private final QuarantineStore store;
    private final byte[] key;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final String node;
    private final Duration retention;
    private final QuarantineEvents events;

    /** @param events who is told when mail is held and decided on (the sender notices) */
    /** @param key the at-rest key bodies are sealed with ({@code masterKey.derive("at-rest")}) */
    public Quarantine(QuarantineStore store, byte[] key, AuditLog audit, Outbox outbox, Clock clock,
            String node, Duration retention, QuarantineEvents events) {
        this.store = store;
        this.key = key.clone();
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.node = node;
        this.retention = retention;
        this.events = events;
    }

    public QuarantineStore store() {
        return store;
    }

    // ---- taking mail over from the spool -------------------------------------------------

    @Override
    public String take(SpooledMessage message, Map<String, HoldReason> held, Verdict verdict)
            throws IOException, SQLException {
        Envelope e = message.envelope();
        Optional<Long> existing = store.idOf(e.queueId());
        if (existing.isPresent()) {
            return "quarantine item " + existing.get();
        }
        String subject = message.headers().subject();
        // Not classified (the processing stage failed or timed out): counts as HIGH.
        Classification c = verdict.classification().orElseGet(() ->
                Classification.failClosed("not classified (the processing stage failed or timed out)"));
        String classification = ClassificationJson.line(e.queueId(), c, verdict.labels());
        List<String> types = c.findings().stream().map(f -> f.type().name()).distinct().toList();
        String level = ClassificationJson.sensitivity(c).withLabels(verdict.labels()).level();
        List<QuarantineItem.Hold> holds = held.entrySet().stream()
                .map(h -> new QuarantineItem.Hold(h.getKey(), h.getValue())).toList();
        QuarantineStore.NewItem n = new QuarantineStore.NewItem(e.queueId(), e.sender(), holds, subject, level, types,
                classification, e.received(), clock.instant(), node);
        long id;
        try (InputStream body = message.open()) {
            // The audit record is written in the item's transaction: if it fails, nothing is held
            // and the whole hand-over runs again later. The sender hears from the pipeline.
            id = store.insert(n, body, key, (tx, item) -> audit.record(tx, SYSTEM, "HOLD", item.id(), "held for "
                    + holds.size() + " recipient(s): " + String.join(", ", item.rules().stream()
                            .map(HoldReason.Rule::code).toList()) + " (" + n.reason() + ")" + labelled(verdict)
                    + "; on node " + node, ""));
        }
        log.info("{}: quarantined as item {} for {} recipient(s) level={} findings={}", e.queueId(), id,
                holds.size(), level, types);
        return "quarantine item " + id;
    }

    /** The labels that made the message sensitive, for the HOLD record: "; labelled OFFICIAL-SENSITIVE (msip_labels)". */
    private static String labelled(Verdict verdict) {
        return verdict.labels().isEmpty() ? "" : "; labelled " + String.join(", ", verdict.labels().stream()
                .map(l -> l.describe() + " " + l.level() + "/" + l.action()).toList());
    }

    private void notifyDecided(long id) {
        try {
            store.find(id).ifPresent(events::decided);
        } catch (SQLException | RuntimeException ex) {
            log.error("quarantine item {}: telling others about the decision failed: {}", id, ex.toString());
        }
    }

    // ---- reading --------------------------------------------------------------------------

    /**
     * The original message, streamed from the store (the caller closes it), recorded in the
     * audit log as {@code action} (VIEW, DOWNLOAD) by {@code actor}; a VIEW within a minute of
     * the same person's last one is not recorded again. A body that cannot be
     * opened with this node's master key fails as it is read, with an IOException.
     */
    public Optional<InputStream> open(long id, String actor, String action, String why, String client)
            throws SQLException {
        Optional<InputStream> body = store.content(id, key);
        // A reload of the same page within a minute is the same look, recorded once.
        if (body.isPresent() && !("VIEW".equals(action)
                && audit.recorded(actor, action, id, clock.instant().minus(VIEW_AGAIN)))) {
            audit.record(actor, action, id, why, client);
        }
        return body;
    }

    // ---- decisions ------------------------------------------------------------------------

    /** What became of a request to act on an item. */
    public record Outcome(boolean done, String message) {
        static Outcome ok(String message) {
            return new Outcome(true, message);
        }

        static Outcome refused(String message) {
            return new Outcome(false, message);
        }
    }

    /**
     * Releases a held message. {@link ReleaseMode#PROTECTED} sends it the way policy would:
     * encrypted, over verified TLS, or through the secure portal (never back to review);
     * {@link ReleaseMode#CLEAR} sends it as it is and needs a justification.
     */
    public Outcome release(long id, ReleaseMode mode, String actor, String justification, String client)
            throws SQLException {
        String why = justification == null ? "" : justification.trim();
        if (mode == ReleaseMode.CLEAR && why.length() < 10) {
            return Outcome.refused("Releasing in clear needs a justification of at least 10 characters.");
        }
        Optional<QuarantineItem> found = store.find(id);
        if (found.isEmpty()) {
            return Outcome.refused("No such item.");
        }
        QuarantineItem item = found.get();
        if (item.status() != Status.HELD) {
            return Outcome.refused("Already " + item.status().name().toLowerCase() + " by " + item.decidedBy() + ".");
        }
        return release(item, mode, actor, why, client, mode == ReleaseMode.CLEAR ? "RELEASE_CLEAR" : "RELEASE");
    }

    /**
     * The sender confirms copies that wait for them (a recipient looked unusual, and
     * {@code misdirected} is set to confirm): they go the way the policy decided, protected if
     * the message was sensitive, else as they are. Refused for an item that also waits for review.
     */
    public Outcome confirmBySender(long id, String sender, String client) throws SQLException {
        Optional<QuarantineItem> found = store.find(id);
        if (found.isEmpty()) {
            return Outcome.refused("This link is not valid, or the message has already been deleted.");
        }
        QuarantineItem item = found.get();
        if (item.status() != Status.HELD) {
            return Outcome.refused("It has already been " + item.status().name().toLowerCase() + ".");
        }
        if (!item.sender().equalsIgnoreCase(sender) || !waitsForSender(item)) {
            return Outcome.refused("Only the Information Assurance team can release this message.");
        }
        ReleaseMode mode = sensitive(item) ? ReleaseMode.PROTECTED : ReleaseMode.CLEAR;
        return release(item, mode, item.sender(), "confirmed by the sender", client, "SENDER_CONFIRM");
    }

    /** All its copies wait for the sender's confirmation (and none for a reviewer). */
    public static boolean waitsForSender(QuarantineItem item) {
        return !item.rules().isEmpty() && item.rules().stream().allMatch(r -> r == HoldReason.Rule.AWAITING_SENDER);
    }

    private static boolean sensitive(QuarantineItem item) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(item.classification()).path("sensitive")
                    .asBoolean(true);
        } catch (java.io.IOException e) {
            return true; // cannot tell: protect it
        }
    }

    /**
     * Withdraws the copies that waited for their sender longer than {@code timeout} (the
     * sender is told); returns how many items.
     */
    public int withdrawUnconfirmed(Duration timeout) throws SQLException {
        int n = 0;
        for (long id : store.waitingForSenderBefore(clock.instant().minus(timeout), 1000)) {
            Outcome o = close(id, Status.WITHDRAWN, SYSTEM, "not confirmed by the sender within "
                    + org.mailgate.config.EffectiveConfig.duration(timeout), "", "WITHDRAW_UNCONFIRMED");
            n += o.done() ? 1 : 0;
        }
        if (n > 0) {
            log.info("quarantine: withdrew {} item(s) their senders did not confirm in time", n);
        }
        return n;
    }

    private Outcome release(QuarantineItem item, ReleaseMode mode, String actor, String why, String client,
            String action) throws SQLException {
        long id = item.id();
        Envelope.Origin origin = mode == ReleaseMode.CLEAR ? Envelope.Origin.RELEASED_CLEAR
                : Envelope.Origin.RELEASED_PROTECTED;
        Envelope[] released = new Envelope[1];
        Outcome outcome = store.database().inTransaction(c -> {
            if (!store.decide(c, id, Status.RELEASED, actor, why, mode.name(), clock.instant())) {
                return Outcome.refused("Someone else decided on this item first.");
            }
            Envelope sent;
            // Spooled inside the transaction, streamed from the store: if the spool refuses, the
            // item stays held. The queue is told after the commit, so that whatever it does with
            // the message (the sender's notice) finds the item released.
            try (InputStream content = store.content(id, key).orElseThrow()) {
                sent = outbox.spool(item.sender(), item.recipients(), origin, content);
                released[0] = sent;
            } catch (IOException e) {
                throw new SQLException("cannot queue the released message: " + e.getMessage(), e);
            }
            store.recordReleaseQueueId(c, id, sent.queueId());
            audit.record(c, actor, action, id,
                    (why.isEmpty() ? "released" : why) + " (queued as " + sent.queueId() + ")", client);
            log.info("{}: quarantine item {} released ({}) by {} as {}", item.queueId(), id, mode, actor,
                    sent.queueId());
            return Outcome.ok("Released: queued as " + sent.queueId() + ".");
        });
        if (outcome.done()) {
            outbox.announce(released[0]);
            notifyDecided(id);
        }
        return outcome;
    }

    /** Rejects a held message: it is never delivered; {@code reason} goes to the sender. */
    public Outcome reject(long id, String actor, String reason, String client) throws SQLException {
        return close(id, Status.REJECTED, actor, reason, client, "REJECT");
    }

    /** The sender takes the message back (from the notice's link or by replying "withdraw"). */
    public Outcome withdraw(long id, String sender, String client) throws SQLException {
        return close(id, Status.WITHDRAWN, sender, "withdrawn by the sender", client, "WITHDRAW");
    }

    private Outcome close(long id, Status to, String actor, String reason, String client, String action)
            throws SQLException {
        String why = reason == null ? "" : reason.trim();
        if (to == Status.REJECTED && why.isEmpty()) {
            return Outcome.refused("Give a reason for the sender.");
        }
        Outcome outcome = store.database().inTransaction(c -> {
            if (!store.decide(c, id, to, actor, why, null, clock.instant())) {
                return Outcome.refused("This item is no longer held.");
            }
            audit.record(c, actor, action, id, why, client);
            return Outcome.ok(to.name().charAt(0) + to.name().substring(1).toLowerCase() + ".");
        });
        if (outcome.done()) {
            notifyDecided(id);
        }
        return outcome;
    }

    /** A note from the sender (justification, false positive), shown to reviewers. */
    /** A sender's reply by mail, from the client address that sent it, as a note on the item. */
    public void addSenderNote(long id, QuarantineItem.NoteKind kind, String author, String text, String client)
            throws SQLException {
        store.addNote(id, kind, author, text, clock.instant());
        audit.record(author, "SENDER_" + kind.name(), id, "note added by the sender by reply mail (" + text.length()
                + " characters)", client);
    }

    /**
     * Deletes items held longer than the retention time; an item still held is first marked
     * expired (its sender is told). Returns how many were purged.
     */
    public int purgeExpired() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        int purged = 0;
        for (long id : store.heldBefore(cutoff, 1000)) {
            if (store.database().inTransaction(c -> store.decide(c, id, Status.EXPIRED, SYSTEM,
                    "not decided within the retention time", null, clock.instant()))) {
                notifyDecided(id);
            }
            boolean deleted = store.database().inTransaction(c -> {
                boolean gone = store.delete(c, id);
                if (gone) {
                    audit.record(c, SYSTEM, "PURGE", id, "older than the retention time of " + retention.toDays()
                            + " days; on node " + node, "");
                }
                return gone;
            });
            purged += deleted ? 1 : 0;
        }
        if (purged > 0) {
            log.info("quarantine: purged {} item(s) older than {} days", purged, retention.toDays());
        }
        return purged;
    }
}
