package org.mailgate.gateway.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.Optional;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * Signing in and out. Unknown names, wrong passwords and locked or disabled accounts all get the
 * same answer after the same bcrypt check, so the page tells nobody which names exist; the audit
 * log says which it was. Every attempt is audited with the client address. The login form has no
 * session yet, so its CSRF token is a double-submit cookie.
 */
final class LoginRoutes {

    static final String WRONG = "Wrong name or password. After five failed attempts in a row an account is "
            + "locked for a while; if you are sure of your password, wait and try again later.";
    static final String THROTTLED = "Too many failed logins from your address. Wait a few minutes and try again.";

    private final Users users;
    private final Sessions sessions;
    private final Guard guard;
    private final Cookies cookies;
    private final Pages pages;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    LoginRoutes(Users users, Sessions sessions, Guard guard, Cookies cookies, Pages pages, LoginThrottle throttle,
            AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.guard = guard;
        this.cookies = cookies;
        this.pages = pages;
        this.throttle = throttle;
        this.audit = audit;
    }

    void register(RoutesConfig r) {
        r.get("/login", this::form);
        r.post("/login", this::login);
        r.post("/logout", this::logout);
    }

    private void form(Context ctx) throws SQLException {
        Optional<Session> signedIn = guard.current(ctx);
        if (signedIn.isPresent()) {
            ctx.redirect(Guard.home(signedIn.get().role()));
            return;
        }
        String token = sessions.token();
        cookies.set(ctx, cookies.loginCookie(), token, 3600);
        show(ctx, 200, token, "", null, safeNext(ctx.queryParam("next")));
    }

    private void show(Context ctx, int status, String token, String name, String error, String next) {
        pages.render(ctx, status, "login.jte", new Views.LoginPage(pages.chrome(ctx, "Sign in", null), token, name,
                error, next));
    }

    private void login(Context ctx) throws SQLException {
        guard.sameOrigin(ctx);
        String token = ctx.cookie(cookies.loginCookie());
        if (!Guard.equal(ctx.formParam("csrf"), token)) {
            throw WebError.forbidden("The sign-in form has expired (or cookies are blocked). Reload the page and try "
                    + "again.");
        }
        String name = value(ctx.formParam("name"));
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        String ip = ctx.ip();
        String actor = name.isEmpty() ? "(no name)" : name.length() > 128 ? name.substring(0, 128) : name;
        if (!throttle.tryAttempt(ip)) {
            audit.record(actor, "LOGIN_FAILED", null, "too many failed logins from this address", ip);
            show(ctx, 429, token, name, THROTTLED, next);
            return;
        }
        Users.LoginResult result = name.isEmpty() || name.length() > 128 ? Users.LoginResult.BAD_CREDENTIALS
                : users.login(name, password);
        if (result == Users.LoginResult.OK) {
            throttle.succeeded(ip);
            cookies.set(ctx, cookies.sessionCookie(), sessions.start(name), -1);
            cookies.clear(ctx, cookies.loginCookie());
            audit.record(name, "LOGIN", null, "signed in to the web UI", ip);
            String home = users.find(name).map(u -> Guard.home(u.role())).orElse("/quarantine");
            ctx.redirect(next == null ? home : next, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        boolean locked = result == Users.LoginResult.LOCKED;
        audit.record(actor, "LOGIN_FAILED", null, locked ? "account locked" : "wrong name or password", ip);
        show(ctx, 401, token, name, WRONG, next);
    }

    private void logout(Context ctx) throws SQLException {
        Session s = guard.post(ctx, role -> true, "sign out");
        sessions.end(s);
        cookies.clear(ctx, cookies.sessionCookie());
        audit.record(s.user(), "LOGOUT", null, "signed out", ctx.ip());
        pages.redirect(ctx, "/login", false, "You are signed out.");
    }

    private static String value(String s) {
        return s == null ? "" : s.trim();
    }

    /** Only a path on this site, so the login page cannot be used to send people elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.matches("/[A-Za-z0-9/_.?=&%+@,-]{0,500}") || next.startsWith("//")
                || next.startsWith("/login") || next.startsWith("/logout")) {
            return null;
        }
        return next;
    }
}
