package org.mailgate.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.policy.ClassificationJson;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.policy.LabelMatch;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * One held message: envelope, classification, sender notes, the message itself (opening it is
 * audited as a VIEW), attachments (downloads audited), its history, and the decision forms.
 */
final class MessageRoutes {

    private final Quarantine quarantine;
    private final ReviewActions decisions;
    private final AuditLog audit;
    private final Guard guard;
    private final Pages pages;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    MessageRoutes(Quarantine quarantine, ReviewActions decisions, AuditLog audit, Guard guard, Pages pages, Clock clock) {
        this.quarantine = quarantine;
        this.decisions = decisions;
        this.audit = audit;
        this.guard = guard;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/quarantine/{id}", this::message);
        r.get("/quarantine/{id}/attachments/{n}", this::download);
        r.post("/quarantine/{id}/release", this::release);
        r.post("/quarantine/{id}/reject", this::reject);
    }

    static long id(Context ctx) {
        return QueueRoutes.number(ctx.pathParam("id")).orElseThrow(() -> WebError.notFound("No such item."));
    }

    private void message(Context ctx) throws SQLException, IOException {
        Session s = guard.page(ctx, Role::canReview, "see held mail");
        long id = id(ctx);
        QuarantineItem item = quarantine.store().find(id).orElseThrow(() -> WebError.notFound("No such item: it may "
                + "have been purged after the retention time."));
        MessageView view = null;
        Optional<InputStream> raw = quarantine.open(id, s.user(), "VIEW", "opened in the web UI", ctx.ip());
        if (raw.isPresent()) {
            try (InputStream in = raw.get()) {
                view = MessageView.read(in);
            }
        }
        ZoneId zone = clock.getZone();
        Classification c = classification(item.classification());
        List<Views.NoteRow> notes = quarantine.store().notes(id).stream().map(n -> new Views.NoteRow(
                Format.time(n.at(), zone), n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), n.author(), n.text()))
                .toList();
        List<Views.AuditRow> history = audit.list(Optional.empty(), Optional.empty(), Optional.of(id),
                Optional.empty(), 500).stream().map(e -> AuditRoutes.row(e, zone)).toList();
        String title = "Item " + id + ": " + (item.subject().isBlank() ? "(no subject)" : item.subject());
        pages.render(ctx, "message.jte", new Views.MessagePage(pages.chrome(ctx, title, s), id,
                item.subject().isBlank() ? "(no subject)" : item.subject(), Format.lower(item.status()),
                item.status() == QuarantineItem.Status.HELD, item.level(), envelope(item, zone), holds(item), c.findings(),
                c.unscannable(), c.note(), notes, view, view != null, s.role().canAct(), s.role().canAct(), history));
    }

    private static List<Views.Fact> envelope(QuarantineItem i, ZoneId zone) {
        List<Views.Fact> f = new ArrayList<>();
        f.add(new Views.Fact("Sender", i.sender().isEmpty() ? "<> (a bounce)" : i.sender()));
        f.add(new Views.Fact("Held recipients", String.join(", ", i.recipients())));
        f.add(new Views.Fact("Queue id", i.queueId()));
        f.add(new Views.Fact("Received", Format.time(i.received(), zone)));
        f.add(new Views.Fact("Held", Format.time(i.held(), zone)));
        f.add(new Views.Fact("Size", Format.size(i.sizeBytes())));
        f.add(new Views.Fact("Reason", String.join("; ", i.rules().stream().map(HoldReason.Rule::label).toList())));
        List<LabelMatch> labels = ClassificationJson.labels(i.classification());
        if (!labels.isEmpty()) {
            f.add(new Views.Fact("Sensitivity labels", String.join("; ", labels.stream().map(l -> l.describe()
                    + (l.guid().isEmpty() ? "" : " " + l.guid()) + ": " + l.level() + ", " + l.action()
                    + (l.asksEncryption() ? ", asks for encryption" : "")
                    + (l.configured() ? "" : " (not in labels:)")).toList())));
        }
        f.add(new Views.Fact("Status", Format.lower(i.status())));
        if (i.decidedAt() != null) {
            f.add(new Views.Fact("Decision", Format.lower(i.status())
                    + (i.releaseMode() == null ? "" : " (" + i.releaseMode().toLowerCase(java.util.Locale.ROOT) + ")")
                    + " by " + i.decidedBy() + " at " + Format.time(i.decidedAt(), zone)
                    + (i.decisionNote() == null || i.decisionNote().isBlank() ? "" : ": " + i.decisionNote())));
        }
        return f;
    }

    private static List<Views.HoldRow> holds(QuarantineItem i) {
        return i.holds().stream().map(h -> new Views.HoldRow(h.recipient(), h.reason().rule().label(),
                h.reason().rule().code(), h.reason().describe())).toList();
    }

    /** The findings as the classifier recorded them (masked samples and evidence only). */
    record Classification(List<Views.FindingRow> findings, List<String> unscannable, String note) {
    }

    /** "National Insurance numbers (UK_NINO)": a person reads the first, a config writer the second. */
    private static String name(String type) {
        return org.mailgate.classifier.FindingType.describe(type) + " (" + type + ")";
    }

    private Classification classification(String text) {
        try {
            JsonNode c = json.readTree(text);
            List<Views.FindingRow> findings = new ArrayList<>();
            for (JsonNode f : c.path("findings")) {
                List<String> evidence = new ArrayList<>();
                for (JsonNode e : f.path("evidence")) {
                    evidence.add(e.path("snippet").asText() + (e.path("rule").asText().isEmpty() ? ""
                            : " (" + e.path("rule").asText() + ")"));
                }
                findings.add(new Views.FindingRow(name(f.path("type").asText()), f.path("count").asInt(),
                        f.path("confidence").asText(), strings(f.path("locations")), strings(f.path("samples")),
                        evidence));
            }
            List<String> unscannable = StreamSupport.stream(c.path("unscannable").spliterator(), false)
                    .map(JsonNode::asText).toList();
            return new Classification(findings, unscannable, c.path("note").asText(null));
        } catch (Exception e) {
            return new Classification(List.of(), List.of(), "The classification record could not be read.");
        }
    }

    private static String strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(", ", out);
    }

    private void download(Context ctx) throws SQLException, IOException {
        Session s = guard.page(ctx, Role::canAct, "download attachments");
        long id = id(ctx);
        int n = QueueRoutes.number(ctx.pathParam("n")).map(Long::intValue)
                .orElseThrow(() -> WebError.notFound("No such attachment."));
        try (InputStream raw = quarantine.open(id, s.user(), "DOWNLOAD", "attachment " + n + " downloaded", ctx.ip())
                .orElseThrow(() -> WebError.notFound("No such item."))) {
            download(ctx, raw, n);
        }
    }

    /** Streams attachment {@code n} of the message to the browser, or answers 404. */
    static void download(Context ctx, InputStream raw, int n) throws IOException {
        MessageView.attachment(raw, n, name -> {
            ctx.header("Content-Disposition", contentDisposition(name));
            ctx.contentType("application/octet-stream");
            return ctx.outputStream();
        }).orElseThrow(() -> WebError.notFound("No such attachment."));
    }

    /** An attachment header that names the file but cannot be bent into another header or a path. */
    static String contentDisposition(String name) {
        String base = name.replaceAll("[\\\\/]", "_").replaceAll("\\p{Cntrl}", "");
        String ascii = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        if (ascii.isBlank()) {
            ascii = "attachment";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : base.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ".-_".indexOf(ch) >= 0) {
                encoded.append(ch);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private void release(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAct, "release held mail");
        long id = id(ctx);
        ReleaseMode mode = switch (String.valueOf(ctx.formParam("mode"))) {
            case "clear" -> ReleaseMode.CLEAR;
            case "protected" -> ReleaseMode.PROTECTED;
            default -> throw WebError.badRequest("Choose how to release it: protected or in clear.");
        };
        ReviewActions.Result r = decisions.release(id, mode, s.user(), ctx.formParam("justification"), ctx.ip());
        after(ctx, id, r);
    }

    private void reject(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAct, "reject held mail");
        long id = id(ctx);
        after(ctx, id, decisions.reject(id, s.user(), ctx.formParam("reason"), ctx.ip()));
    }

    /** Done: back to the queue for the next item. Refused: back to the item, to read why. */
    private void after(Context ctx, long id, ReviewActions.Result r) {
        if (r.done()) {
            pages.redirect(ctx, "/quarantine", false, "Item " + id + ": " + r.message());
        } else {
            pages.redirect(ctx, "/quarantine/" + id, true, r.message());
        }
    }
}
