package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.web.Sessions.Session;

/** The audit log for auditors and admins: newest first, filtered, paged, and exported as CSV (itself audited). */
final class AuditRoutes {

    static final int PAGE_SIZE = 100;
    private static final int MAX_EXPORT = 100_000;
    /** The action filter's choices: every action the gateway records. */
    static final List<String> ACTIONS = List.of("HOLD", "VIEW", "DOWNLOAD", "RELEASE", "RELEASE_CLEAR", "REJECT",
            "WITHDRAW", "WITHDRAW_UNCONFIRMED", "SENDER_CONFIRM", "MISDIRECTED", "PURGE", "SENDER_JUSTIFICATION",
            "SENDER_FALSE_POSITIVE", "PORTAL_STORE", "PORTAL_CODE_SENT",
            "PORTAL_CODE_FAILED", "PORTAL_CODE_LIMIT", "PORTAL_LOCKED", "PORTAL_VERIFIED", "PORTAL_VIEW",
            "PORTAL_DOWNLOAD", "PORTAL_PRINT", "PORTAL_REPLY", "PORTAL_REVOKE", "PORTAL_PURGE", "LEAVE_ADD",
            "LEAVE_CHANGE", "LEAVE_REMOVE", "LEAVE_FILE", "MESSAGE_TAKEN", "LOGIN", "LOGIN_FAILED", "LOGOUT",
            "AUDIT_EXPORT", "USER_ADD", "USER_UPDATE", "USER_DISABLE", "USER_ENABLE", "TOKEN_CREATE", "TOKEN_REVOKE");

    private final AuditLog audit;
    private final Guard guard;
    private final Pages pages;
    private final Clock clock;

    AuditRoutes(AuditLog audit, Guard guard, Pages pages, Clock clock) {
        this.audit = audit;
        this.guard = guard;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/audit", this::page);
        r.get("/audit.csv", this::csv);
    }

    /** The filters of both views, as typed. */
    private record Query(String actor, String action, String item, String from, String until) {
        static Query read(Context ctx) {
            return new Query(clean(ctx.queryParam("actor")), clean(ctx.queryParam("action")),
                    clean(ctx.queryParam("item")), clean(ctx.queryParam("from")), clean(ctx.queryParam("until")));
        }

        /** The start of {@code from}'s day and of the day after {@code until}, in {@code zone}. */
        Optional<Instant> day(String name, String value, ZoneId zone, int plusDays) {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(UkDates.parseDay(value).orElseThrow(() -> new IllegalArgumentException(name
                    + " must be a date like " + UkDates.DAY_EXAMPLE)).plusDays(plusDays).atStartOfDay(zone).toInstant());
        }

        List<AuditLog.Entry> list(AuditLog audit, ZoneId zone, Optional<Long> before, int limit) throws SQLException {
            return audit.list(Optional.of(actor), Optional.of(action.toUpperCase(java.util.Locale.ROOT)), itemId(),
                    day("from", from, zone, 0), day("until", until, zone, 1), before, limit);
        }

        Optional<Long> itemId() {
            if (item.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(QueueRoutes.number(item).orElseThrow(
                    () -> new IllegalArgumentException("item must be an item number")));
        }

        String href(String path, Long before) {
            List<String> parts = new ArrayList<>();
            if (!actor.isEmpty()) {
                parts.add("actor=" + Format.url(actor));
            }
            if (!action.isEmpty()) {
                parts.add("action=" + Format.url(action));
            }
            if (!item.isEmpty()) {
                parts.add("item=" + Format.url(item));
            }
            if (!from.isEmpty()) {
                parts.add("from=" + Format.url(from));
            }
            if (!until.isEmpty()) {
                parts.add("until=" + Format.url(until));
            }
            if (before != null) {
                parts.add("before=" + before);
            }
            return path + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
        }

        private static String clean(String s) {
            String t = s == null ? "" : s.trim();
            return t.length() > 200 ? t.substring(0, 200) : t;
        }
    }

    private void page(Context ctx) throws SQLException {
        Session s = guard.page(ctx, Role::canAudit, "read the audit log");
        Query q = Query.read(ctx);
        Optional<Long> before = QueueRoutes.number(ctx.queryParam("before"));
        String problem = null;
        List<AuditLog.Entry> entries;
        try {
            entries = q.list(audit, clock.getZone(), before, PAGE_SIZE + 1);
        } catch (IllegalArgumentException e) {
            problem = "Filter not applied: " + e.getMessage() + ".";
            entries = List.of();
        }
        boolean more = entries.size() > PAGE_SIZE;
        List<AuditLog.Entry> shown = more ? entries.subList(0, PAGE_SIZE) : entries;
        ZoneId zone = clock.getZone();
        List<Views.Option> actions = new ArrayList<>();
        actions.add(new Views.Option("", "any action", q.action().isEmpty()));
        ACTIONS.forEach(a -> actions.add(new Views.Option(a, a, a.equalsIgnoreCase(q.action()))));
        if (!q.action().isEmpty() && ACTIONS.stream().noneMatch(a -> a.equalsIgnoreCase(q.action()))) {
            actions.add(new Views.Option(q.action(), q.action(), true));
        }
        pages.render(ctx, "audit.jte", new Views.AuditPage(pages.chrome(ctx, "Audit log", s), q.actor(), q.action(),
                q.item(), q.from(), q.until(), actions, shown.stream().map(e -> row(e, zone)).toList(),
                more ? q.href("/audit", shown.get(shown.size() - 1).id()) : null, q.href("/audit.csv", null),
                before.isPresent(), problem));
    }

    static Views.AuditRow row(AuditLog.Entry e, ZoneId zone) {
        return new Views.AuditRow(e.id(), Format.time(e.at(), zone), e.actor(), e.action(), e.itemId(), e.detail(),
                e.client());
    }

    private void csv(Context ctx) throws Exception {
        Session s = guard.page(ctx, Role::canAudit, "export the audit log");
        Query q = Query.read(ctx);
        try {
            q.itemId();
            q.day("from", q.from(), clock.getZone(), 0);
            q.day("until", q.until(), clock.getZone(), 1);
        } catch (IllegalArgumentException e) {
            throw WebError.badRequest(e.getMessage() + ".");
        }
        // Recorded first, so the export contains its own record.
        audit.record(s.user(), "AUDIT_EXPORT", null, "exported the audit log as CSV"
                + (q.href("", null).isEmpty() ? "" : " (filters " + q.href("", null).substring(1) + ")"), ctx.ip());
        List<AuditLog.Entry> entries = q.list(audit, clock.getZone(), Optional.empty(), MAX_EXPORT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            AuditLog.writeCsv(entries, w);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"mailgate-audit.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(bytes.toByteArray());
    }
}
