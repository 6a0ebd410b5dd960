package org.mailgate.gateway.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Optional;
import org.mailgate.gateway.web.Sessions.Session;

/**
 * Renders the precompiled jte templates (src/main/jte, compiled at build time, so no compiler
 * runs in the gateway). Content type Html: every {@code ${...}} is escaped for where it stands.
 */
final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Cookies cookies;

    Pages(Cookies cookies) {
        this.cookies = cookies;
    }

    /** The page frame for {@code session} (null before login), taking the one-shot message if there is one. */
    Views.Chrome chrome(Context ctx, String title, Session session) {
        Optional<Cookies.Flash> flash = cookies.takeFlash(ctx);
        String text = flash.map(Cookies.Flash::text).orElse(null);
        boolean error = flash.map(Cookies.Flash::error).orElse(false);
        if (session == null) {
            return new Views.Chrome(title, null, null, null, text, error, false, false, false, "/quarantine");
        }
        return new Views.Chrome(title, session.user(), session.role().label(), session.csrf(), text, error,
                session.role().canAudit(), session.role().canAdminister(), session.role().canReview(),
                Guard.home(session.role()));
    }

    void render(Context ctx, String template, Object page) {
        render(ctx, 200, template, page);
    }

    void render(Context ctx, int status, String template, Object page) {
        StringOutput out = new StringOutput();
        engine.render(template, page, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** Redirects after a form (303: the browser follows with GET), carrying the outcome to the next page. */
    void redirect(Context ctx, String location, boolean error, String message) {
        if (message != null) {
            cookies.flash(ctx, error, message);
        }
        ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
