package org.mailgate.gateway.ooo;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailgate.gateway.store.AuditLog;

/**
 * Who is on leave, as the web UI and the JSON API see it: staff set their own leave, line
 * managers ({@code leave.managers}) set their team's, and every change is checked and then
 * stored together with its audit entry. Periods from the leave file are changed in the file.
 */
public final class LeaveSchedule {

    /** Key of the problem given when the editor may not make the change (an API answers 403). */
    public static final String PERMISSION = "permission";
    /** Key of the problem given when the period to change or remove does not exist (an API answers 404). */
    public static final String NOT_FOUND = "not_found";

    /** Who makes a change: a staff address, or an administrator/API client who may edit anyone's leave. */
    public record Editor(String name, boolean mayEditAnyone) {
        public static Editor staff(String address) {
            return new Editor(address.trim().toLowerCase(Locale.ROOT), false);
        }
    }

    /** A stored period, or what is wrong, by {@link LeaveForm} field (or {@link #PERMISSION}, {@link #NOT_FOUND}). */
    public record Result(Optional<LeavePeriod> period, Map<String, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        static Result refused(String field, String message) {
            return new Result(Optional.empty(), Map.of(field, message));
        }
    }

    private final LeaveStore store;
    private final LeaveValidator validator;
    private final AuditLog audit;
    private final Map<String, List<String>> managers;
    private final Aliases aliases;
    private final Clock clock;
    private final LeaveNotices notices;

    LeaveSchedule(LeaveStore store, LeaveValidator validator, AuditLog audit, Map<String, List<String>> managers,
            Aliases aliases, Clock clock, LeaveNotices notices) {
        this.notices = notices;
        this.store = store;
        this.validator = validator;
        this.audit = audit;
        this.managers = Map.copyOf(managers);
        this.aliases = aliases;
        this.clock = clock;
    }

    public LeaveStore store() {
        return store;
    }

    /** True when the editor may set leave for {@code address}: themselves, their team, or anyone. */
    public boolean mayManage(Editor editor, String address) {
        String staff = aliases.staff(address);
        String me = aliases.staff(editor.name());
        return editor.mayEditAnyone() || staff.equals(me) || managers.getOrDefault(me, List.of()).contains(staff);
    }

    /** The staff whose leave a line manager may set (empty for anyone else). */
    public List<String> teamOf(String manager) {
        return managers.getOrDefault(aliases.staff(manager), List.of());
    }

    /** The editor's own periods and their team's, earliest first. */
    public List<LeavePeriod> visibleTo(Editor editor) throws SQLException {
        if (editor.mayEditAnyone()) {
            return store.all();
        }
        Set<String> people = new LinkedHashSet<>();
        people.add(aliases.staff(editor.name()));
        people.addAll(teamOf(editor.name()));
        return store.of(people);
    }

    /** Every period of one person (an alias counts as them), earliest first; check {@link #mayManage} first. */
    public List<LeavePeriod> periodsOf(String address) throws SQLException {
        return store.of(List.of(aliases.staff(address)));
    }

    /** The period that has this person away today, if any. */
    /** Who the editor may see is away today (an admin: everyone; a line manager: their team), soonest back first. */
    public List<LeavePeriod> awayNow(Editor editor) throws SQLException {
        LocalDate today = LocalDate.now(clock);
        return visibleTo(editor).stream().filter(p -> !today.isBefore(p.firstDay()) && today.isBefore(p.returning()))
                .filter(p -> editor.mayEditAnyone() || !p.address().equalsIgnoreCase(editor.name()))
                .sorted(java.util.Comparator.comparing(LeavePeriod::returning)).toList();
    }

    public Optional<LeavePeriod> awayToday(String address) throws SQLException {
        return store.awayOn(aliases.staff(address), LocalDate.now(clock));
    }

    public Result add(Editor editor, LeaveForm form, LeavePeriod.Source source, String client) throws SQLException {
        return save(editor, Optional.empty(), form, source, client);
    }

    /**
     * Replaces period {@code id} with what the form says, checked as when adding. A form
     * without an address keeps the period's own.
     */
    public Result change(Editor editor, long id, LeaveForm form, LeavePeriod.Source source, String client)
            throws SQLException {
        Result editable = editable(editor, id);
        if (!editable.ok()) {
            return editable;
        }
        Optional<LeavePeriod> existing = editable.period();
        LeaveForm f = form.address() == null ? form.withAddress(existing.get().address()) : form;
        return save(editor, existing, f, source, client);
    }

    /**
     * The period {@code id} if the editor may change it: empty problems and the period, or
     * {@link #NOT_FOUND} or {@link #PERMISSION}. For showing it in a form to edit.
     */
    public Result editable(Editor editor, long id) throws SQLException {
        Optional<LeavePeriod> existing = store.find(id);
        if (existing.isEmpty()) {
            return notFound(id);
        }
        Optional<String> refusal = refusal(editor, existing.get());
        return refusal.isPresent() ? Result.refused(PERMISSION, refusal.get()) : new Result(existing, Map.of());
    }

    public Result remove(Editor editor, long id, String client) throws SQLException {
        Result editable = editable(editor, id);
        if (!editable.ok()) {
            return editable;
        }
        LeavePeriod p = editable.period().orElseThrow();
        boolean removed = store.database().inTransaction(c -> {
            if (!store.delete(c, id)) {
                return false;
            }
            audit.record(c, editor.name(), "LEAVE_REMOVE", null, describe(p, editor), client);
            return true;
        });
        if (removed && !p.address().equalsIgnoreCase(editor.name())) {
            notices.changedFor(p, editor.name(), "removed");
        }
        return removed ? new Result(Optional.of(p), Map.of()) : notFound(id);
    }

    private static Result notFound(long id) {
        return Result.refused(NOT_FOUND, "There is no leave period " + id + " (someone may have removed it).");
    }

    private Result save(Editor editor, Optional<LeavePeriod> replacing, LeaveForm form, LeavePeriod.Source source,
            String client) throws SQLException {
        LeaveForm f = new LeaveForm(form.address() == null ? null : aliases.staff(form.address()), form.from(),
                form.until(), form.returning(), form.alternativeContact(), form.message(), form.internalMessage(),
                form.externalMessage());
        LeaveValidator.Checked checked = validator.check(f, source, editor.name(), clock.instant());
        if (!checked.problems().containsKey(LeaveForm.ADDRESS) && !mayManage(editor, f.address())) {
            return Result.refused(PERMISSION, "You can set leave for yourself and, as a line manager, for your team "
                    + "(leave.managers); not for " + f.address() + ".");
        }
        if (!checked.ok()) {
            return new Result(Optional.empty(), checked.problems());
        }
        LeavePeriod wanted = checked.period().orElseThrow();
        Result saved = store.database().inTransaction(c -> {
            for (LeavePeriod other : store.periodsOf(c, wanted.address())) {
                boolean self = replacing.isPresent() && other.id() == replacing.get().id();
                if (!self && other.overlaps(wanted.firstDay(), wanted.returning())) {
                    return Result.refused(LeaveForm.FROM, overlapMessage(other));
                }
            }
            LeavePeriod stored;
            if (replacing.isPresent()) {
                stored = wanted.withId(replacing.get().id());
                if (!store.update(c, stored)) {
                    return notFound(stored.id());
                }
                audit.record(c, editor.name(), "LEAVE_CHANGE", null, describe(stored, editor)
                        + changes(replacing.get(), stored), client);
            } else {
                stored = store.insert(c, wanted);
                audit.record(c, editor.name(), "LEAVE_ADD", null, describe(stored, editor), client);
            }
            return new Result(Optional.of(stored), Map.of());
        });
        saved.period().filter(p -> !p.address().equalsIgnoreCase(editor.name()))
                .ifPresent(p -> notices.changedFor(p, editor.name(), replacing.isPresent() ? "changed" : "set"));
        return saved;
    }

    /** Why the editor may not touch an existing period, if they may not. */
    private Optional<String> refusal(Editor editor, LeavePeriod p) {
        if (p.source() == LeavePeriod.Source.FILE) {
            return Optional.of("This period comes from the leave file (leave.file): it is changed there, "
                    + "by whoever keeps that file.");
        }
        if (!mayManage(editor, p.address())) {
            return Optional.of("You can change leave for yourself and, as a line manager, for your team "
                    + "(leave.managers); not for " + p.address() + ".");
        }
        return Optional.empty();
    }

    static String overlapMessage(LeavePeriod other) {
        return "This overlaps leave already set for " + other.address() + ": " + other.describe()
                + (other.source() == LeavePeriod.Source.FILE ? " (from the leave file)" : "")
                + ". Change that period instead of adding another.";
    }

    /**
     * What a change altered, for the audit: the days it was, and the names of other fields
     * that changed; never the contact or the person's own text, which may be personal.
     */
    static String changes(LeavePeriod was, LeavePeriod now) {
        List<String> fields = new ArrayList<>();
        if (!was.address().equals(now.address())) {
            fields.add("moved from " + was.address());
        }
        if (!was.alternativeContact().equals(now.alternativeContact())) {
            fields.add("alternative contact changed");
        }
        if (!was.message().equals(now.message()) || !was.internalMessage().equals(now.internalMessage())
                || !was.externalMessage().equals(now.externalMessage())) {
            fields.add("own text changed");
        }
        boolean sameDays = was.firstDay().equals(now.firstDay()) && was.lastDay().equals(now.lastDay())
                && was.returning().equals(now.returning());
        return "; was " + (sameDays ? "the same days" : was.firstDay() + " to " + was.lastDay() + ", back "
                + was.returning()) + (fields.isEmpty() ? "" : "; " + String.join(", ", fields));
    }

    /** The audit detail: which period, whose, which days; never the person's own text. */
    private static String describe(LeavePeriod p, Editor editor) {
        String by = p.address().equals(editor.name()) ? ""
                : editor.mayEditAnyone() ? ", set for them" : ", set by their line manager";
        return "leave period " + p.id() + " of " + p.address() + ": " + p.firstDay() + " to " + p.lastDay()
                + ", back " + p.returning() + " (" + p.source() + by + ")";
    }
}
