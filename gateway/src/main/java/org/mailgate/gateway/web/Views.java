package org.mailgate.gateway.web;

import java.util.List;

/**
 * What each page template shows, already formatted: templates only lay it out and escape it.
 * Public only because the precompiled jte templates live in a package of their own.
 */
public final class Views {

    private Views() {
    }

    /**
     * The frame of every page: title, who is signed in, what they may reach, and a one-shot message.
     *
     * @param home where the brand link and "back" links go: the queue, or for staff their leave
     */
    public record Chrome(String title, String user, String role, String csrf, String flash, boolean flashError,
            boolean canAudit, boolean canAdmin, boolean canReview, String home) {
    }

    /** One choice of a select. */
    public record Option(String value, String label, boolean selected) {
    }

    /** A labelled value (envelope facts, headers). */
    public record Fact(String name, String value) {
    }

    public record LoginPage(Chrome chrome, String token, String name, String error, String next) {
    }

    public record ErrorPage(Chrome chrome, int status, String heading, String message) {
    }

    /**
     * @param held when it was held, with the zone; {@code age} how long ago
     * @param reason the rules that held it, in words; {@code reasonDetail} what they matched
     * @param replied the sender has answered the notice (justification or false positive)
     */
    public record QueueRow(long id, String sender, String recipients, String subject, String age, String held,
            String reason, String reasonDetail, String level, String findings, boolean replied, String status,
            boolean selectable, boolean ticked) {
    }

    public record QueuePage(Chrome chrome, QueueQuery query, List<Option> statuses, List<Option> types,
            List<Option> reasons,
            List<QueueRow> rows, long total, boolean totalExact, String olderHref, String newestHref, boolean canAct, String back,
            String problem) {
    }

    /** @param evidence masked snippets of the context that decided the finding, with the rule that fired */
    public record FindingRow(String type, int count, String confidence, String locations, String samples,
            List<String> evidence) {
    }

    public record NoteRow(String at, String kind, String author, String text) {
    }

    public record AuditRow(long id, String at, String actor, String action, Long itemId, String detail,
            String client) {
    }

    /** Why one recipient's copy was held: the rule in words, and what it matched. */
    public record HoldRow(String recipient, String rule, String code, String detail) {
    }

    public record MessagePage(Chrome chrome, long id, String subject, String status, boolean held, String level,
            List<Fact> envelope, List<HoldRow> holds, List<FindingRow> findings, List<String> unscannable, String classificationNote,
            List<NoteRow> notes, MessageView message, boolean bodyAvailable, boolean canDownload, boolean canAct,
            List<AuditRow> history) {
    }

    /** A headline figure of the dashboard; {@code id} names it for tests and styles. */
    public record Figure(String label, String value, String id) {
    }

    /**
     * A dashboard chart: its SVG (built and escaped by {@code Charts}, so the template prints it
     * as it is) and the same figures as a table for screen readers and copying.
     */
    public record Chart(String id, String heading, String svg, List<String> header, List<List<String>> rows) {
    }

    public record DashboardPage(Chrome chrome, String period, List<Figure> figures, List<Chart> charts) {
    }

    public record AuditPage(Chrome chrome, String actor, String action, String item, String from, String until,
            List<Option> actions,
            List<AuditRow> rows, String olderHref, String csvHref, boolean paged, String problem) {
    }

    public record UserRow(String name, String role, String created, String state, boolean disabled, boolean self) {
    }

    public record TokenRow(long id, String user, String label, String created) {
    }

    public record UsersPage(Chrome chrome, List<UserRow> users, List<TokenRow> tokens, List<Option> roles,
            String newToken, String tokenOwner, String problem) {
    }

    // ---- out-of-office: leave and telephone messages -----------------------------------------

    /**
     * One form control with what it shows: its value as typed, the problem with it (null when
     * none) and a hint; {@code type} is an input type or "textarea".
     */
    public record Field(String name, String label, String type, String value, String error, String hint,
            boolean required) {
        public String id() {
            return "f-" + name.replace('_', '-');
        }

        /** The ids of the hint and the error, for aria-describedby (null, so no attribute, when neither). */
        public String describedBy() {
            String ids = ((hint == null ? "" : id() + "-hint") + (error == null ? "" : " " + id() + "-error")).trim();
            return ids.isEmpty() ? null : ids;
        }
    }

    /** A problem in the summary above a form, linking to its field. */
    public record Problem(String fieldId, String message) {
    }

    /** @param changeable false for periods from the leave file, which are changed there */
    public record LeaveRow(long id, String address, String away, String back, String contact, String source,
            String changedBy, boolean changeable) {
    }

    /**
     * @param others the team's periods for a line manager, everyone else's for an admin
     * @param editing the period the form changes; 0 when it adds one
     * @param addresses the people the form may set leave for; empty when any address may be typed
     */
    /**
     * @param awayNow who is away today, for line managers (their team) and admins (everyone)
     * @param fileProblems for admins: the leave file's entries that were skipped, with why
     */
    public record LeavePage(Chrome chrome, List<LeaveRow> mine, List<LeaveRow> others, String othersHeading,
            long editing, List<Option> addresses, Field address, List<Field> fields, List<Problem> problems,
            List<LeaveRow> awayNow, String leaveFile, List<String> fileProblems) {
        public String formAction() {
            return editing == 0 ? "/leave" : "/leave/" + editing;
        }
    }

    /**
     * @param calledBack "" until someone marks the caller called back, then when and by whom
     * @param copy the row is a copy sent to the reader as someone's alternative contact
     */
    public record PhoneMessageRow(long id, String callAt, String caller, String callerFrom, String returnNumber,
            String reason, String callBackBy, String takenBy, boolean urgent, String calledBack, String forWhom,
            boolean copy) {
    }

    public record TakeMessagePage(Chrome chrome, List<Field> fields, List<Problem> problems, boolean urgent) {
    }

    public record PhoneMessagesPage(Chrome chrome, String officer, List<PhoneMessageRow> rows) {
    }
}
