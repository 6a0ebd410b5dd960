package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.ooo.LeaveForm;
import org.mailgate.gateway.ooo.LeavePeriod;
import org.mailgate.gateway.ooo.LeaveSchedule;
import org.mailgate.gateway.ooo.LeaveSchedule.Editor;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * The leave pages: a person's own periods and their team's, a form to add one, and for each
 * period a form to change it and a button to remove it. The schedule decides who may change
 * what and audits every change; a refusal is a 403 page, a period that is not there a 404,
 * a problem with a field is shown next to that field.
 */
final class LeaveRoutes {

    private final LeaveSchedule schedule;
    private final Guard guard;
    private final Pages pages;
    private final ZoneId zone;

    /** The leave file as last read: its path and the entries skipped, with why ("file:line: key: problem"). */
    record LeaveFileState(String path, List<String> problems) {
    }

    private final java.util.function.Supplier<Optional<LeaveFileState>> leaveFileOutcome;

    LeaveRoutes(LeaveSchedule schedule, Guard guard, Pages pages, ZoneId zone,
            java.util.function.Supplier<Optional<LeaveFileState>> leaveFile) {
        this.leaveFileOutcome = leaveFile;
        this.schedule = schedule;
        this.guard = guard;
        this.pages = pages;
        this.zone = zone;
    }

    void register(RoutesConfig r) {
        r.get("/leave", ctx -> {
            Session s = guard.page(ctx);
            show(ctx, 200, s, 0, new LeaveForm(editor(s).name(), "", "", "", "", "", "", ""), Map.of());
        });
        r.post("/leave", this::add);
        r.get("/leave/{id}/edit", this::edit);
        r.post("/leave/{id}", this::change);
        r.post("/leave/{id}/remove", this::remove);
    }

    /**
     * Throws the page for a result the editor cannot act on: 404 when the period is not
     * there, 403 when it is not theirs to change. Problems with fields are left to the caller.
     */
    static void refuseUnlessAllowed(LeaveSchedule.Result r) {
        if (r.problems().containsKey(LeaveSchedule.NOT_FOUND)) {
            throw WebError.notFound(r.problems().get(LeaveSchedule.NOT_FOUND));
        }
        if (r.problems().containsKey(LeaveSchedule.PERMISSION)) {
            throw WebError.forbidden(r.problems().get(LeaveSchedule.PERMISSION));
        }
    }

    static long periodId(Context ctx) {
        return QueueRoutes.number(ctx.pathParam("id")).orElseThrow(() -> WebError.notFound("No such leave period."));
    }

    /** Admins may set anyone's leave; everyone else their own and, as line managers, their team's. */
    static Editor editor(Session s) {
        return s.role().canAdminister() ? new Editor(s.user().trim().toLowerCase(Locale.ROOT), true)
                : Editor.staff(s.user());
    }

    private static LeaveForm form(Context ctx) {
        return new LeaveForm(ctx.formParam(LeaveForm.ADDRESS), ctx.formParam(LeaveForm.FROM),
                ctx.formParam(LeaveForm.UNTIL), ctx.formParam(LeaveForm.RETURNING),
                ctx.formParam(LeaveForm.ALTERNATIVE_CONTACT), ctx.formParam(LeaveForm.MESSAGE),
                ctx.formParam(LeaveForm.INTERNAL_MESSAGE), ctx.formParam(LeaveForm.EXTERNAL_MESSAGE));
    }

    private void add(Context ctx) throws SQLException {
        Session s = guard.post(ctx, role -> true, "set leave");
        LeaveForm form = form(ctx);
        LeaveSchedule.Result r = schedule.add(editor(s), form, LeavePeriod.Source.WEB, ctx.ip());
        refuseUnlessAllowed(r);
        if (!r.ok()) {
            show(ctx, 422, s, 0, form, r.problems());
            return;
        }
        LeavePeriod p = r.period().orElseThrow();
        pages.redirect(ctx, "/leave", false, "Leave set for " + p.address() + ": " + p.describe()
                + ". Mail to them gets an out-of-office reply on those days.");
    }

    private void edit(Context ctx) throws SQLException {
        Session s = guard.page(ctx);
        long id = periodId(ctx);
        LeaveSchedule.Result r = schedule.editable(editor(s), id);
        refuseUnlessAllowed(r);
        show(ctx, 200, s, id, LeaveForm.of(r.period().orElseThrow()), Map.of());
    }

    private void change(Context ctx) throws SQLException {
        Session s = guard.post(ctx, role -> true, "change leave");
        long id = periodId(ctx);
        LeaveForm form = form(ctx);
        LeaveSchedule.Result r = schedule.change(editor(s), id, form, LeavePeriod.Source.WEB, ctx.ip());
        refuseUnlessAllowed(r);
        if (!r.ok()) {
            show(ctx, 422, s, id, form, r.problems());
            return;
        }
        LeavePeriod p = r.period().orElseThrow();
        pages.redirect(ctx, "/leave", false, "Leave changed for " + p.address() + ": " + p.describe() + ".");
    }

    private void remove(Context ctx) throws SQLException {
        Session s = guard.post(ctx, role -> true, "remove leave");
        LeaveSchedule.Result r = schedule.remove(editor(s), periodId(ctx), ctx.ip());
        refuseUnlessAllowed(r);
        LeavePeriod p = r.period().orElseThrow();
        pages.redirect(ctx, "/leave", false, "Removed the leave of " + p.address() + " (" + p.describe() + ").");
    }

    /** The leave page, with the form to add a period, or to change period {@code editing} when it is not 0. */
    private void show(Context ctx, int status, Session s, long editing, LeaveForm form, Map<String, String> problems)
            throws SQLException {
        Editor editor = editor(s);
        List<Views.LeaveRow> mine = new ArrayList<>();
        List<Views.LeaveRow> others = new ArrayList<>();
        for (LeavePeriod p : schedule.visibleTo(editor)) {
            (p.address().equals(editor.name()) ? mine : others).add(row(p));
        }
        List<Views.Option> addresses = List.of();
        if (!editor.mayEditAnyone()) {
            Set<String> people = new LinkedHashSet<>();
            people.add(editor.name());
            people.addAll(schedule.teamOf(editor.name()));
            String chosen = form.address() == null ? editor.name() : form.address().trim().toLowerCase(Locale.ROOT);
            addresses = people.stream().map(a -> new Views.Option(a, a.equals(editor.name()) ? a + " (you)" : a,
                    a.equals(chosen))).toList();
        }
        Views.Field address = field(LeaveForm.ADDRESS, "Whose leave", addresses.isEmpty() ? "email" : "select",
                form.address(), problems, addresses.isEmpty() ? "Anyone's e-mail address: you are an administrator."
                        : null, true);
        List<Views.Field> fields = List.of(
                field(LeaveForm.FROM, "First day away", "text", form.from(), problems, "For example 01/12/2026", true),
                field(LeaveForm.UNTIL, "Last day away", "text", form.until(), problems, "For example 05/12/2026", true),
                field(LeaveForm.RETURNING, "Back at work on", "text", form.returning(), problems,
                        "Leave empty for the next weekday after the last day away. For example 08/12/2026", false),
                field(LeaveForm.ALTERNATIVE_CONTACT, "Alternative contact", "text", form.alternativeContact(),
                        problems, "Who can help while you are away, with their phone number or e-mail address", true),
                field(LeaveForm.MESSAGE, "Your message", "textarea", form.message(), problems,
                        "Added to every reply", false),
                field(LeaveForm.INTERNAL_MESSAGE, "Message for colleagues", "textarea", form.internalMessage(),
                        problems, "Used instead of your message in replies to colleagues", false),
                field(LeaveForm.EXTERNAL_MESSAGE, "Message for people outside the council", "textarea",
                        form.externalMessage(), problems, "Used instead of your message in replies to everyone else",
                        false));
        List<Views.Problem> summary = new ArrayList<>();
        for (Views.Field f : concat(address, fields)) {
            if (f.error() != null) {
                summary.add(new Views.Problem(f.id(), f.error()));
            }
        }
        String othersHeading = editor.mayEditAnyone() ? "Everyone else's leave"
                : schedule.teamOf(editor.name()).isEmpty() ? null : "Your team's leave";
        List<Views.LeaveRow> away = schedule.awayNow(editor).stream().map(this::row).toList();
        String leaveFile = null;
        List<String> fileProblems = List.of();
        if (editor.mayEditAnyone() && leaveFileOutcome.get().isPresent()) {
            leaveFile = leaveFileOutcome.get().get().path();
            fileProblems = leaveFileOutcome.get().get().problems();
        }
        pages.render(ctx, status, "leave.jte", new Views.LeavePage(pages.chrome(ctx, editing == 0 ? "Leave"
                : "Change leave", s), mine, others, othersHeading, editing, addresses, address, fields, summary, away,
                leaveFile, fileProblems));
    }

    private static List<Views.Field> concat(Views.Field first, List<Views.Field> rest) {
        List<Views.Field> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static Views.Field field(String name, String label, String type, String value, Map<String, String> problems,
            String hint, boolean required) {
        return new Views.Field(name, label, type, value == null ? "" : value, problems.get(name), hint, required);
    }

    private Views.LeaveRow row(LeavePeriod p) {
        return new Views.LeaveRow(p.id(), p.address(), UkDates.longDate(p.firstDay()) + " to "
                + UkDates.longDate(p.lastDay()), UkDates.longDate(p.returning()),
                p.alternativeContact(), p.source() == LeavePeriod.Source.FILE ? "leave file" : p.source().name()
                        .toLowerCase(Locale.ROOT), p.changedBy() + ", " + Format.time(p.changedAt(), zone),
                p.source() != LeavePeriod.Source.FILE);
    }
}
