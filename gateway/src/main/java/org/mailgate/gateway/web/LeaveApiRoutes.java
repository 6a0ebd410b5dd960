package org.mailgate.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.ooo.LeaveForm;
import org.mailgate.gateway.ooo.LeavePeriod;
import org.mailgate.gateway.ooo.LeaveSchedule;
import org.mailgate.gateway.ooo.LeaveSchedule.Editor;

/**
 * Leave over the JSON API, with the same rules as the pages: a token's account sets its own
 * leave and its team's (an admin's anyone's). Fields are named as in {@link LeaveForm};
 * problems with them come back as {@code 422 {"errors": {field: message}}}, a refusal as 403,
 * a period that is not there as 404. PUT replaces a period with the fields given (one left
 * out is cleared, except the address, which stays).
 */
final class LeaveApiRoutes {

    private final LeaveSchedule schedule;
    private final Guard guard;
    private final ObjectMapper json;

    LeaveApiRoutes(LeaveSchedule schedule, Guard guard, ObjectMapper json) {
        this.schedule = schedule;
        this.guard = guard;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/leave", this::list);
        r.post("/api/v1/leave", this::add);
        r.put("/api/v1/leave/{id}", this::change);
        r.delete("/api/v1/leave/{id}", this::remove);
    }

    private static Editor editor(Users.User user) {
        return user.role().canAdminister() ? new Editor(user.name().trim().toLowerCase(Locale.ROOT), true)
                : Editor.staff(user.name());
    }

    private void list(Context ctx) throws Exception {
        Editor editor = editor(guard.api(ctx, role -> true, "read leave"));
        String address = ctx.queryParam("address");
        List<LeavePeriod> periods;
        if (address == null || address.isBlank()) {
            periods = schedule.visibleTo(editor);
        } else if (schedule.mayManage(editor, address)) {
            periods = schedule.periodsOf(address);
        } else {
            throw WebError.forbidden("You can read leave of yourself and, as a line manager, of your team "
                    + "(leave.managers); not of " + address.trim() + ".");
        }
        send(ctx, 200, Map.of("periods", periods.stream().map(LeaveApiRoutes::period).toList()));
    }

    private void add(Context ctx) throws Exception {
        Users.User user = guard.api(ctx, role -> true, "set leave");
        LeaveForm form = form(body(ctx), user.name());
        LeaveSchedule.Result r = schedule.add(editor(user), form, LeavePeriod.Source.API, ctx.ip());
        LeaveRoutes.refuseUnlessAllowed(r);
        if (!r.ok()) {
            send(ctx, 422, Map.of("errors", r.problems()));
            return;
        }
        send(ctx, 201, period(r.period().orElseThrow()));
    }

    private void change(Context ctx) throws Exception {
        Users.User user = guard.api(ctx, role -> true, "change leave");
        long id = LeaveRoutes.periodId(ctx);
        LeaveSchedule.Result r = schedule.change(editor(user), id, form(body(ctx), null), LeavePeriod.Source.API,
                ctx.ip());
        LeaveRoutes.refuseUnlessAllowed(r);
        if (!r.ok()) {
            send(ctx, 422, Map.of("errors", r.problems()));
            return;
        }
        send(ctx, 200, period(r.period().orElseThrow()));
    }

    private void remove(Context ctx) throws Exception {
        Editor editor = editor(guard.api(ctx, role -> true, "remove leave"));
        LeaveSchedule.Result r = schedule.remove(editor, LeaveRoutes.periodId(ctx), ctx.ip());
        LeaveRoutes.refuseUnlessAllowed(r);
        send(ctx, 200, Map.of("removed", period(r.period().orElseThrow())));
    }

    /** @param address the address when the body has none (null: the period keeps its own) */
    private static LeaveForm form(JsonNode b, String address) {
        return new LeaveForm(text(b, LeaveForm.ADDRESS, address), text(b, LeaveForm.FROM, null),
                text(b, LeaveForm.UNTIL, null), text(b, LeaveForm.RETURNING, null),
                text(b, LeaveForm.ALTERNATIVE_CONTACT, null), text(b, LeaveForm.MESSAGE, null),
                text(b, LeaveForm.INTERNAL_MESSAGE, null), text(b, LeaveForm.EXTERNAL_MESSAGE, null));
    }

    static Map<String, Object> period(LeavePeriod p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put(LeaveForm.ADDRESS, p.address());
        m.put(LeaveForm.FROM, p.firstDay().toString());
        m.put(LeaveForm.UNTIL, p.lastDay().toString());
        m.put(LeaveForm.RETURNING, p.returning().toString());
        m.put(LeaveForm.ALTERNATIVE_CONTACT, p.alternativeContact());
        m.put(LeaveForm.MESSAGE, p.message());
        m.put(LeaveForm.INTERNAL_MESSAGE, p.internalMessage());
        m.put(LeaveForm.EXTERNAL_MESSAGE, p.externalMessage());
        m.put("source", p.source().name().toLowerCase(Locale.ROOT));
        m.put("changed_by", p.changedBy());
        m.put("changed_at", p.changedAt().toString());
        return m;
    }

    /** A string field; a number or other scalar is taken as written, a missing one as {@code absent}. */
    private static String text(JsonNode body, String field, String absent) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return absent;
        }
        if (!n.isValueNode()) {
            throw WebError.badRequest(field + " must be a string.");
        }
        return n.asText();
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            if (!n.isObject()) {
                throw WebError.badRequest("The body must be a JSON object with the fields of a leave period.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw WebError.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void send(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(json.writeValueAsString(value));
    }
}
