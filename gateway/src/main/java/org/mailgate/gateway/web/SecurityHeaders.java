package org.mailgate.gateway.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every response. The pages use no JavaScript at all, so the policy can forbid
 * scripts, frames, plugins and remote images outright: even if a held message's HTML slipped
 * past the sanitiser, the browser would neither run nor fetch anything from it. The same headers
 * go on the answers Jetty writes itself, before a request reaches our routes (a malformed URI,
 * a header too large): see {@link #jettyErrors()}.
 */
final class SecurityHeaders {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, String> headers = new LinkedHashMap<>();

    SecurityHeaders(boolean tls) {
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        // Held mail and audit data must not stay in shared browser or proxy caches.
        headers.put("Cache-Control", "no-store");
        if (tls) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }

    void apply(Context ctx) {
        headers.forEach(ctx::header);
    }

    /** Jetty's own error answers, with these headers and without Jetty's details. */
    ErrorHandler jettyErrors() {
        ErrorHandler h = new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                headers.forEach((name, value) -> response.getHeaders().put(name, value));
                return super.handle(request, response, callback);
            }
        };
        h.setShowStacks(false);
        h.setShowMessageInTitle(false);
        return h;
    }
}
