package org.mailgate.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.quarantine.QuarantineStore;

/**
 * The JSON API under /api/v1 for scripts and other tools: the same queue and decisions as the
 * pages, authorised by an API token ({@code Authorization: Bearer ...}) with the same roles.
 * No cookies, so no CSRF. Errors are {@code {"error": "..."}} with a 4xx status.
 */
final class ApiRoutes {

    /** The most items one page of the API returns (docs/review-ui.md). */
    static final int MAX_LIMIT = 500;

    private final QuarantineStore store;
    private final ReviewActions decisions;
    private final Guard guard;
    private final Clock clock;
    private final ObjectMapper json;

    ApiRoutes(QuarantineStore store, ReviewActions decisions, Guard guard, Clock clock, ObjectMapper json) {
        this.store = store;
        this.decisions = decisions;
        this.guard = guard;
        this.clock = clock;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/quarantine", this::list);
        r.get("/api/v1/quarantine/{id}", this::item);
        r.post("/api/v1/quarantine/{id}/release", this::release);
        r.post("/api/v1/quarantine/{id}/reject", this::reject);
    }

    private void list(Context ctx) throws Exception {
        guard.api(ctx, Role::canReview, "read the queue");
        QueueQuery query = QueueQuery.read(ctx::queryParam);
        Optional<Long> before = optionalNumber(ctx, "before");
        long limit = optionalNumber(ctx, "limit").orElse((long) QueueRoutes.PAGE_SIZE);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw WebError.badRequest("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        QuarantineStore.Page page;
        try {
            page = store.list(query.filter(before, (int) limit, clock.getZone()));
        } catch (IllegalArgumentException e) {
            throw WebError.badRequest(e.getMessage() + ".");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(ApiRoutes::summary).toList());
        out.put("total", page.total());
        out.put("total_exact", page.totalExact());
        out.put("next", page.more() ? page.items().get(page.items().size() - 1).id() : null);
        send(ctx, 200, out);
    }

    private void item(Context ctx) throws Exception {
        guard.api(ctx, Role::canReview, "read the queue");
        long id = MessageRoutes.id(ctx);
        QuarantineItem item = store.find(id).orElseThrow(() -> WebError.notFound("No such item: " + id + "."));
        Map<String, Object> out = summary(item);
        JsonNode classification;
        try {
            classification = json.readTree(item.classification());
        } catch (JsonProcessingException e) {
            classification = null;
        }
        out.put("classification", classification);
        out.put("notes", store.notes(id).stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", n.at().toString());
            m.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("author", n.author());
            m.put("text", n.text());
            return m;
        }).toList());
        send(ctx, 200, out);
    }

    private void release(Context ctx) throws Exception {
        Users.User user = guard.api(ctx, Role::canAct, "release held mail");
        long id = MessageRoutes.id(ctx);
        JsonNode body = body(ctx);
        // No default: releasing in clear or protected is the reviewer's choice, never a guess.
        String mode = body.path("mode").asText("");
        ReleaseMode m = switch (mode) {
            case "protected" -> ReleaseMode.PROTECTED;
            case "clear" -> ReleaseMode.CLEAR;
            default -> throw WebError.badRequest("Say how to release it: {\"mode\": \"protected\"} or "
                    + "{\"mode\": \"clear\"}.");
        };
        answer(ctx, id, decisions.release(id, m, user.name(), body.path("justification").asText(""), ctx.ip()));
    }

    private void reject(Context ctx) throws Exception {
        Users.User user = guard.api(ctx, Role::canAct, "reject held mail");
        long id = MessageRoutes.id(ctx);
        answer(ctx, id, decisions.reject(id, user.name(), body(ctx).path("reason").asText(""), ctx.ip()));
    }

    private void answer(Context ctx, long id, ReviewActions.Result r) throws Exception {
        if (!r.done()) {
            throw new WebError(r.status(), r.message());
        }
        QuarantineItem item = store.find(id).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", r.message());
        out.put("item", summary(item));
        send(ctx, 200, out);
    }

    private JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.readTree(text);
            if (!n.isObject()) {
                throw WebError.badRequest("The body must be a JSON object.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw WebError.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Optional<Long> optionalNumber(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(QueueRoutes.number(v.trim())
                .orElseThrow(() -> WebError.badRequest(name + " must be a whole number.")));
    }

    static Map<String, Object> summary(QuarantineItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("queueId", i.queueId());
        m.put("sender", i.sender());
        m.put("recipients", i.recipients());
        m.put("subject", i.subject());
        m.put("level", i.level());
        m.put("findingTypes", i.findingTypes());
        m.put("reason", i.reason());
        m.put("reasons", i.rules().stream().map(HoldReason.Rule::code).toList());
        m.put("holds", i.holds().stream().map(h -> {
            Map<String, Object> hold = new LinkedHashMap<>();
            hold.put("recipient", h.recipient());
            hold.put("rule", h.reason().rule().code());
            hold.put("label", h.reason().rule().label());
            hold.put("detail", h.reason().detail());
            hold.put("text", h.reason().describe());
            return hold;
        }).toList());
        m.put("senderReplied", i.senderReplied());
        m.put("sizeBytes", i.sizeBytes());
        m.put("received", i.received().toString());
        m.put("held", i.held().toString());
        m.put("status", Format.lower(i.status()));
        m.put("decidedAt", i.decidedAt() == null ? null : i.decidedAt().toString());
        m.put("decidedBy", i.decidedBy());
        m.put("decisionNote", i.decisionNote());
        m.put("releaseMode", i.releaseMode() == null ? null : i.releaseMode().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    void send(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(value));
    }

}
