package org.mailgate.gateway.web;

import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * Who is asking, and may they: the session behind the cookie for pages, the bearer token for
 * the API, the role for what they ask, and for every form post the CSRF token and Origin.
 */
final class Guard {

    private final Sessions sessions;
    private final Users users;
    private final Cookies cookies;
    private final String publicOrigin;

    /** @param publicUrl web.public_url: the only origin accepted in Origin headers */
    Guard(Sessions sessions, Users users, Cookies cookies, String publicUrl) {
        this.sessions = sessions;
        this.users = users;
        this.cookies = cookies;
        this.publicOrigin = origin(publicUrl);
    }

    /** The signed-in person, or a redirect to the login page. */
    Session page(Context ctx) throws SQLException {
        Optional<Session> s = current(ctx);
        if (s.isEmpty()) {
            throw WebError.signIn();
        }
        return s.get();
    }

    Optional<Session> current(Context ctx) throws SQLException {
        return sessions.find(ctx.cookie(cookies.sessionCookie()));
    }

    /** The signed-in person if their role allows {@code what}; otherwise 403. */
    Session page(Context ctx, Predicate<Role> allowed, String what) throws SQLException {
        Session s = page(ctx);
        if (!allowed.test(s.role())) {
            throw WebError.forbidden("Your role (" + s.role().label() + ") may not " + what + ".");
        }
        return s;
    }

    /**
     * For a form post: the session, a same-origin request, the session's CSRF token in the
     * form, and a role that allows it. A missing or wrong token is refused before anything runs.
     */
    Session post(Context ctx, Predicate<Role> allowed, String what) throws SQLException {
        Session s = page(ctx);
        sameOrigin(ctx);
        if (!equal(ctx.formParam("csrf"), s.csrf())) {
            throw WebError.forbidden("This form has expired or did not come from this site. Go back, reload the page "
                    + "and try again.");
        }
        if (!allowed.test(s.role())) {
            throw WebError.forbidden("Your role (" + s.role().label() + ") may not " + what + ".");
        }
        return s;
    }

    /**
     * Refuses a post that a browser says came from another site: {@code Sec-Fetch-Site} other
     * than same-origin, or an Origin other than {@code web.public_url}'s. The client's own Host
     * header is no measure: whoever sends the request chooses it. Under our {@code
     * Referrer-Policy: no-referrer} browsers send {@code Origin: null} even on our own forms, so
     * "null" (and no Origin at all: older browsers, tools) is left to the CSRF token, which is
     * always checked.
     */
    void sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            throw WebError.forbidden("This form was sent from another site, so it was refused.");
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return;
        }
        if (!origin.equalsIgnoreCase(publicOrigin)) {
            throw WebError.forbidden("This form was sent from another site, so it was refused (set web.public_url "
                    + "to the address people use for this site).");
        }
    }

    /** The API caller behind {@code Authorization: Bearer <token>}, if their role allows {@code what}. */
    Users.User api(Context ctx, Predicate<Role> allowed, String what) throws SQLException {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        Optional<Users.User> user = users.userForToken(token);
        if (user.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new WebError(401, token == null ? "Send an API token: Authorization: Bearer <token>."
                    : "That API token is not valid (unknown, or its account is disabled).");
        }
        if (!allowed.test(user.get().role())) {
            throw WebError.forbidden("The role " + user.get().role().label() + " may not " + what + ".");
        }
        return user.get();
    }

    /** Where a person lands after signing in: reviewers, auditors and admins the queue, staff their leave. */
    static String home(Role role) {
        return role.canReview() ? "/quarantine" : "/leave";
    }

    static boolean equal(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String origin(String url) {
        try {
            URI u = URI.create(url);
            boolean defaultPort = u.getPort() < 0 || u.getPort() == 443 && "https".equalsIgnoreCase(u.getScheme())
                    || u.getPort() == 80 && "http".equalsIgnoreCase(u.getScheme());
            return u.getScheme() + "://" + u.getHost() + (defaultPort ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
