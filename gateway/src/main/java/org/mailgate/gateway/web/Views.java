package org.mailgate.gateway.web;

import java.util.List;

/**
 * What each page template shows, already formatted: templates only lay it out and escape it.
 * Public only because the precompiled jte templates live in a package of their own.
 */
public final class Views {

    private Views() {
    }

    /** The frame of every page: title, who is signed in, what they may reach, and a one-shot message. */
    public record Chrome(String title, String user, String role, String csrf, String flash, boolean flashError,
            boolean canAudit, boolean canAdmin) {
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

    public record QueueRow(long id, String sender, String recipients, String subject, String age, String held,
            String level, String findings, String status, boolean selectable) {
    }

    public record QueuePage(Chrome chrome, QueueQuery query, List<Option> statuses, List<Option> types,
            List<QueueRow> rows, long total, String olderHref, String newestHref, boolean canAct, String back,
            String problem) {
    }

    public record FindingRow(String type, int count, String confidence, String locations, String samples) {
    }

    public record NoteRow(String at, String kind, String author, String text) {
    }

    public record AuditRow(long id, String at, String actor, String action, Long itemId, String detail,
            String client) {
    }

    public record MessagePage(Chrome chrome, long id, String subject, String status, boolean held, String level,
            List<Fact> envelope, List<FindingRow> findings, List<String> unscannable, String classificationNote,
            List<NoteRow> notes, MessageView message, boolean bodyAvailable, boolean canDownload, boolean canAct,
            List<AuditRow> history) {
    }

    public record AuditPage(Chrome chrome, String actor, String action, String item, List<String> actions,
            List<AuditRow> rows, String olderHref, String csvHref, boolean paged, String problem) {
    }

    public record UserRow(String name, String role, String created, String state, boolean disabled, boolean self) {
    }

    public record UsersPage(Chrome chrome, List<UserRow> users, List<Option> roles, String newToken,
            String tokenOwner, String problem) {
    }
}
