package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.classifier.FindingType;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.web.Sessions.Session;

/** The queue of held mail: filters, keyset paging, and bulk release or reject. */
final class QueueRoutes {

    static final int PAGE_SIZE = 50;
    private static final int MAX_BULK = 500;

    private final QuarantineStore store;
    private final ReviewActions decisions;
    private final Guard guard;
    private final Pages pages;
    private final Clock clock;

    QueueRoutes(QuarantineStore store, ReviewActions decisions, Guard guard, Pages pages, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.guard = guard;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        // Signed out, "/" goes to the login page without a next, so each role lands on its own start page.
        r.get("/", ctx -> ctx.redirect(guard.current(ctx).map(s -> Guard.home(s.role())).orElse("/login")));
        r.get("/quarantine", this::queue);
        r.post("/quarantine/bulk", this::bulk);
    }

    private void queue(Context ctx) throws SQLException {
        Session s = guard.page(ctx, Role::canReview, "see the quarantine");
        QueueQuery query = QueueQuery.read(ctx::queryParam);
        Optional<Long> before = number(ctx.queryParam("before"));
        String problem = null;
        QuarantineStore.Page page;
        try {
            page = store.list(query.filter(before, PAGE_SIZE, clock.getZone()));
        } catch (IllegalArgumentException e) {
            problem = "Filter not applied: " + e.getMessage() + ".";
            page = QuarantineStore.Page.empty();
        }
        Instant now = clock.instant();
        boolean canAct = s.role().canAct();
        java.util.Set<Long> ticked = new java.util.HashSet<>();
        String selected = ctx.queryParam("selected");
        if (selected != null) {
            for (String one : selected.split(",", 501)) {
                number(one).ifPresent(ticked::add);
            }
        }
        List<Views.QueueRow> rows = page.items().stream().map(i -> new Views.QueueRow(i.id(), i.sender(),
                String.join(", ", i.recipients()), i.subject().isBlank() ? "(no subject)" : i.subject(),
                Format.age(i.held(), now), Format.time(i.held(), clock.getZone()),
                String.join("; ", i.rules().stream().map(HoldReason.Rule::label).toList()),
                String.join("; ", i.reasons().stream().map(HoldReason::describe).toList()), i.level(),
                String.join(", ", i.findingTypes().stream().map(FindingType::describe).toList()), i.senderReplied(),
                Format.lower(i.status()), canAct && i.status() == QuarantineItem.Status.HELD, ticked.contains(i.id())))
                .toList();
        String older = page.more() ? query.href(page.items().get(page.items().size() - 1).id()) : null;
        pages.render(ctx, "queue.jte", new Views.QueuePage(pages.chrome(ctx, "Quarantine", s), query,
                statuses(query), types(query), reasons(query), rows, page.total(), page.totalExact(), older, before.isPresent() ? query.href(null) : null, canAct,
                query.href(before.orElse(null)), problem));
    }

    private static List<Views.Option> statuses(QueueQuery q) {
        return QueueQuery.STATUSES.stream().map(st -> new Views.Option(st, st.equals("any") ? "any status" : st,
                st.equals(q.statusOrDefault()))).toList();
    }

    private static List<Views.Option> reasons(QueueQuery q) {
        List<Views.Option> out = new ArrayList<>();
        out.add(new Views.Option("", "any reason", q.reason().isEmpty()));
        for (HoldReason.Rule r : HoldReason.Rule.values()) {
            if (r != HoldReason.Rule.UNRECORDED) {
                out.add(new Views.Option(r.code(), r.label(), r.code().equalsIgnoreCase(q.reason())));
            }
        }
        return out;
    }

    private static List<Views.Option> types(QueueQuery q) {
        List<Views.Option> out = new ArrayList<>();
        out.add(new Views.Option("", "any finding", q.type().isEmpty()));
        for (FindingType t : FindingType.values()) {
            out.add(new Views.Option(t.name(), t.description(), t.name().equalsIgnoreCase(q.type())));
        }
        return out;
    }

    private void bulk(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAct, "release or reject held mail");
        String back = safeBack(ctx.formParam("back"));
        List<Long> ids = ctx.formParams("id").stream().map(QueueRoutes::number).flatMap(Optional::stream)
                .distinct().limit(MAX_BULK).toList();
        String action = ctx.formParam("action");
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason").trim();
        if (ids.isEmpty()) {
            pages.redirect(ctx, back, true, "Select at least one item first.");
            return;
        }
        // After a problem the queue comes back with the same items ticked.
        String ticked = back + (back.contains("?") ? "&" : "?") + "selected="
                + String.join(",", ids.stream().map(String::valueOf).toList());
        boolean release = "release".equals(action);
        if (!release && !"reject".equals(action)) {
            throw WebError.badRequest("Choose release or reject.");
        }
        if (!release && reason.isEmpty()) {
            pages.redirect(ctx, ticked, true, "Give a reason for the senders before rejecting.");
            return;
        }
        int done = 0;
        List<String> refused = new ArrayList<>();
        List<Long> notDone = new ArrayList<>();
        for (long id : ids) {
            ReviewActions.Result r = release ? decisions.release(id, ReleaseMode.PROTECTED, s.user(), "", ctx.ip())
                    : decisions.reject(id, s.user(), reason, ctx.ip());
            if (r.done()) {
                done++;
            } else {
                refused.add("#" + id + ": " + r.message());
                notDone.add(id);
            }
        }
        String verb = release ? "Released (protected)" : "Rejected";
        String message = verb + ": " + done + " of " + ids.size() + " item(s)."
                + (refused.isEmpty() ? "" : " Not done: " + String.join(" ", refused));
        pages.redirect(ctx, refused.isEmpty() ? back : back + (back.contains("?") ? "&" : "?") + "selected="
                + String.join(",", notDone.stream().map(String::valueOf).toList()), !refused.isEmpty(), message);
    }

    /** Back to the queue page the form was on, and nowhere else. */
    static String safeBack(String back) {
        String page = back != null && back.matches("/quarantine(\\?[A-Za-z0-9%&=_.+-]{0,1000})?") ? back : "/quarantine";
        return page.replaceAll("[?&]selected=[0-9,]*", "").replaceFirst("^/quarantine&", "/quarantine?");
    }

    static Optional<Long> number(String s) {
        if (s == null || !s.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
