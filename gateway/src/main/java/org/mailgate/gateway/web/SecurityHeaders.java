package org.mailgate.gateway.web;

import io.javalin.http.Context;

/**
 * Headers on every response. The pages use no JavaScript at all, so the policy can forbid
 * scripts, frames, plugins and remote images outright: even if a held message's HTML slipped
 * past the sanitiser, the browser would neither run nor fetch anything from it.
 */
final class SecurityHeaders {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final boolean tls;

    SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        // Held mail and audit data must not stay in shared browser or proxy caches.
        ctx.header("Cache-Control", "no-store");
        if (tls) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }
}
