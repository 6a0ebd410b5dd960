package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * Accounts, for admins: list, add, disable and enable, and API tokens (shown once, stored hashed;
 * listed by number and revoked one by one).
 */
final class UserRoutes {

    private final Users users;
    private final AuditLog audit;
    private final Guard guard;
    private final Pages pages;
    private final Clock clock;

    UserRoutes(Users users, AuditLog audit, Guard guard, Pages pages, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.guard = guard;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/admin/users", ctx -> show(ctx, guard.page(ctx, Role::canAdminister, "manage accounts"), null, null,
                null));
        r.post("/admin/users", this::add);
        r.post("/admin/users/{name}/disable", ctx -> enable(ctx, false));
        r.post("/admin/users/{name}/enable", ctx -> enable(ctx, true));
        r.post("/admin/users/{name}/tokens", this::token);
        r.post("/admin/tokens/{id}/revoke", this::revoke);
    }

    private void show(Context ctx, Session s, String token, String owner, String problem) throws SQLException {
        long now = clock.millis();
        List<Views.UserRow> rows = users.list().stream().map(u -> new Views.UserRow(u.name(), u.role().label(),
                Format.time(u.created(), clock.getZone()), u.disabled() ? "disabled"
                        : u.lockedUntil().toEpochMilli() > now ? "locked until " + Format.time(u.lockedUntil(),
                                clock.getZone()) : "active", u.disabled(), u.name().equals(s.user()))).toList();
        List<Views.Option> roles = Arrays.stream(Role.values())
                .map(r -> new Views.Option(r.label(), r.label(), r == Role.REVIEWER)).toList();
        List<Views.TokenRow> tokens = users.tokens(java.util.Optional.empty()).stream().map(t -> new Views.TokenRow(
                t.id(), t.user(), t.label(), Format.time(t.created(), clock.getZone()))).toList();
        pages.render(ctx, problem == null ? 200 : 422, "users.jte", new Views.UsersPage(pages.chrome(ctx, "Users", s),
                rows, tokens, roles, token, owner, problem));
    }

    private void add(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAdminister, "manage accounts");
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        try {
            Role role = Role.parse(ctx.formParam("role") == null ? "" : ctx.formParam("role"));
            if (users.find(name).isPresent()) {
                show(ctx, s, null, null, "An account named " + name + " already exists.");
                return;
            }
            users.add(name, role, password);
            audit.record(s.user(), "USER_ADD", null, "added " + name + " as " + role.label(), ctx.ip());
            pages.redirect(ctx, "/admin/users", false, "Added " + name + " (" + role.label() + ").");
        } catch (IllegalArgumentException e) {
            show(ctx, s, null, null, "Not added: " + e.getMessage() + ".");
        }
    }

    private void enable(Context ctx, boolean enable) throws SQLException {
        Session s = guard.post(ctx, Role::canAdminister, "manage accounts");
        String name = ctx.pathParam("name");
        if (users.find(name).isEmpty()) {
            throw WebError.notFound("No account named " + name + ".");
        }
        if (!enable && name.equals(s.user())) {
            pages.redirect(ctx, "/admin/users", true, "You cannot disable your own account.");
            return;
        }
        users.setDisabled(name, !enable);
        audit.record(s.user(), enable ? "USER_ENABLE" : "USER_DISABLE", null, (enable ? "enabled " : "disabled ") + name,
                ctx.ip());
        pages.redirect(ctx, "/admin/users", false, (enable ? "Enabled " : "Disabled ") + name + ".");
    }

    private void revoke(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAdminister, "manage accounts");
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw WebError.notFound("No API token with that number.");
        }
        java.util.Optional<Users.ApiToken> gone = users.revokeToken(id);
        if (gone.isEmpty()) {
            throw WebError.notFound("No API token number " + id + ".");
        }
        audit.record(s.user(), "TOKEN_REVOKE", null, gone.get().describe(), ctx.ip());
        pages.redirect(ctx, "/admin/users", false, "Revoked API token " + id + " of " + gone.get().user() + ".");
    }

    /** The token is on this response only (not a redirect): it is never stored anywhere readable. */
    private void token(Context ctx) throws SQLException {
        Session s = guard.post(ctx, Role::canAdminister, "manage accounts");
        String name = ctx.pathParam("name");
        if (users.find(name).isEmpty()) {
            throw WebError.notFound("No account named " + name + ".");
        }
        String label = ctx.formParam("label") == null || ctx.formParam("label").isBlank() ? "api"
                : ctx.formParam("label").trim();
        if (label.length() > 128) {
            show(ctx, s, null, null, "A token label is at most 128 characters.");
            return;
        }
        String token = users.createToken(name, label);
        audit.record(s.user(), "TOKEN_CREATE", null, "API token '" + label + "' created for " + name, ctx.ip());
        show(ctx, s, token, name, null);
    }
}
