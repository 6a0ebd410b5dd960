package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.phone.MessageForm;
import org.mailgate.gateway.phone.MessagesTaken;
import org.mailgate.gateway.phone.TakenMessage;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * Telephone messages: the form a colleague fills in while the caller is on the line (sent to
 * the officer as urgent mail by {@link MessagesTaken}), and the list of messages taken for
 * the signed-in officer.
 */
final class PhoneMessageRoutes {

    /** How the form fills in "now": as people here write it, and as the form reads it back. */
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm", Locale.UK);
    private static final int LIST_LIMIT = 200;

    private final MessagesTaken messages;
    private final Guard guard;
    private final Pages pages;
    private final Clock clock;

    PhoneMessageRoutes(MessagesTaken messages, Guard guard, Pages pages, Clock clock) {
        this.messages = messages;
        this.guard = guard;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/messages/new", ctx -> form(ctx, 200, guard.page(ctx), new MessageForm("", INPUT.format(clock.instant().atZone(clock.getZone())), "",
                "", "", "", ""), Map.of()));
        r.post("/messages", this::take);
        r.get("/messages", this::list);
        r.post("/messages/{id}/called-back", this::calledBack);
    }

    private void take(Context ctx) throws SQLException, IOException {
        Session s = guard.post(ctx, role -> true, "take telephone messages");
        MessageForm form = new MessageForm(ctx.formParam(MessageForm.OFFICER), ctx.formParam(MessageForm.CALL_AT),
                ctx.formParam(MessageForm.CALLER_NAME), ctx.formParam(MessageForm.CALLER_FROM),
                ctx.formParam(MessageForm.RETURN_NUMBER), ctx.formParam(MessageForm.REASON),
                ctx.formParam(MessageForm.CALL_BACK_BY), ctx.formParam(MessageForm.URGENT) != null);
        MessagesTaken.Result r = messages.take(s.user(), form, ctx.ip());
        if (!r.ok()) {
            form(ctx, 422, s, form, r.problems());
            return;
        }
        TakenMessage m = r.message().orElseThrow();
        pages.redirect(ctx, "/messages/new", false, "Message from " + m.callerName() + " sent to "
                + String.join(" and ", m.sentTo()) + (m.urgent() ? " as an urgent e-mail" : " by e-mail")
                + ". The caller expects a call back by "
                + time(m.callBackBy()) + ".");
    }

    private void form(Context ctx, int status, Session s, MessageForm form, Map<String, String> problems) {
        List<Views.Field> fields = List.of(
                LeaveRoutes.field(MessageForm.OFFICER, "Who the message is for", "email", form.officer(), problems,
                        "Their e-mail address, like jane.smith@council.example", true),
                LeaveRoutes.field(MessageForm.CALL_AT, "Date and time of the call", "text", form.callAt(), problems,
                        "For example 06/12/2026 14:30", true),
                LeaveRoutes.field(MessageForm.CALLER_NAME, "Caller's name", "text", form.callerName(), problems, null,
                        true),
                LeaveRoutes.field(MessageForm.CALLER_FROM, "Where they are from", "text", form.callerFrom(), problems,
                        "An organisation or team, or \"member of the public\"", true),
                LeaveRoutes.field(MessageForm.RETURN_NUMBER, "Number to ring back", "tel", form.returnNumber(),
                        problems, "With the area code, like 01632 960123", true),
                LeaveRoutes.field(MessageForm.REASON, "What the call was about", "textarea", form.reason(), problems,
                        "Briefly", true),
                LeaveRoutes.field(MessageForm.CALL_BACK_BY, "Promised a call back by", "text", form.callBackBy(),
                        problems, "The time you told the caller, for example 06/12/2026 17:00", true));
        List<Views.Problem> summary = new ArrayList<>();
        for (Views.Field f : fields) {
            if (f.error() != null) {
                summary.add(new Views.Problem(f.id(), f.error()));
            }
        }
        pages.render(ctx, status, "take-message.jte", new Views.TakeMessagePage(pages.chrome(ctx, "Take a message", s),
                fields, summary, form.urgent()));
    }

    private void list(Context ctx) throws SQLException {
        Session s = guard.page(ctx);
        String me = s.user().toLowerCase(java.util.Locale.ROOT);
        List<Views.PhoneMessageRow> rows = messages.forOfficer(s.user(), LIST_LIMIT).stream()
                .map(m -> new Views.PhoneMessageRow(m.id(), time(m.callAt()), m.callerName(), m.callerFrom(),
                        m.returnNumber(), m.reason(), time(m.callBackBy()), m.takenBy(), m.urgent(),
                        m.calledBack() ? time(m.calledBackAt()) + " by " + m.calledBackBy() : "", m.officer(),
                        !m.officer().equals(me))).toList();
        pages.render(ctx, "messages.jte", new Views.PhoneMessagesPage(pages.chrome(ctx, "Messages for me", s),
                s.user(), rows));
    }

    private void calledBack(Context ctx) throws SQLException {
        Session s = guard.post(ctx, role -> true, "mark telephone messages");
        long id = QueueRoutes.number(ctx.pathParam("id")).orElseThrow(() -> WebError.notFound("No such message."));
        String result = messages.calledBack(id, s.user(), ctx.ip());
        pages.redirect(ctx, "/messages", !result.startsWith("Marked"), result);
    }

    private String time(Instant t) {
        return UkDates.stamp(t, clock.getZone());
    }
}
