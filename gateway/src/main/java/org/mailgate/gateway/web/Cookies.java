package org.mailgate.gateway.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The cookies of the web UI and the secure portal, all {@code HttpOnly; SameSite=Strict; Path=/}, and
 * {@code Secure} with the {@code __Host-} prefix when the UI is served over TLS (so that no
 * other host or plain-HTTP page can plant them). Written as raw {@code Set-Cookie} headers
 * so every attribute is exactly what we say.
 */
final class Cookies {

    private final boolean secure;
    private final String prefix;

    Cookies(boolean secure) {
        this.secure = secure;
        this.prefix = secure ? "__Host-" : "";
    }

    /** The signed-in session; its value is only ever stored hashed. */
    String sessionCookie() {
        return prefix + "mg_session";
    }

    /** The login form's CSRF token before there is a session (double submit). */
    String loginCookie() {
        return prefix + "mg_login";
    }

    /** A one-shot message shown on the next page (the outcome of a form). */
    String flashCookie() {
        return prefix + "mg_flash";
    }

    /** A portal reader's verified session for one message; stored hashed. */
    String portalCookie() {
        return prefix + "mg_portal";
    }

    /** The portal forms' token (double submit: there are no accounts there). */
    String formCookie() {
        return prefix + "mg_form";
    }

    void set(Context ctx, String name, String value, int maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "") + (secure ? "; Secure" : ""));
    }

    void clear(Context ctx, String name) {
        set(ctx, name, "", 0);
    }

    // ---- flash: a short outcome message carried across the redirect after a form ----------

    /** What a form came to, shown once on the next page; {@code error} shows it as a problem. */
    record Flash(boolean error, String text) {
    }

    void flash(Context ctx, boolean error, String text) {
        String t = text.length() > 600 ? text.substring(0, 600) + "…" : text;
        set(ctx, flashCookie(), Base64.getUrlEncoder().withoutPadding().encodeToString(
                ((error ? "!" : "+") + t).getBytes(StandardCharsets.UTF_8)), 120);
    }

    /** Reads and clears the flash; a damaged one is dropped. It is shown escaped like any text. */
    Optional<Flash> takeFlash(Context ctx) {
        String raw = ctx.cookie(flashCookie());
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        clear(ctx, flashCookie());
        try {
            String s = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            return s.length() < 2 ? Optional.empty() : Optional.of(new Flash(s.charAt(0) == '!', s.substring(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
