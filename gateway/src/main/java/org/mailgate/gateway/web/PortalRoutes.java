package org.mailgate.gateway.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.gateway.dates.UkDates;
import org.mailgate.gateway.notify.Withdrawals;
import org.mailgate.gateway.portal.AccessCodes;
import org.mailgate.gateway.portal.Outcome;
import org.mailgate.gateway.portal.Portal;
import org.mailgate.gateway.portal.PortalMessage;
import org.mailgate.gateway.portal.ReadingSessions;
import org.mailgate.gateway.portal.ReplyAttachment;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineItem;

/**
 * The secure portal for external recipients (/p/TOKEN): ask for a one-time code, enter it,
 * read the message, download attachments, print, reply securely. Plus the two links senders
 * get: withdraw a portal message (/revoke/TOKEN), withdraw a held message (/withdraw?t=), and send
 * a message that waited for its sender's confirmation (/confirm?t=).
 * No accounts: the link's token and a code sent to the recipient's address are the proof.
 * Forms carry a double-submit token; changes happen only on POST (mail scanners follow links).
 */
final class PortalRoutes {

    static final int MAX_REPLY_BYTES = 20 * 1024 * 1024;
    /** The portal's people are in the UK: its pages give UK times. */
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK)
            .withZone(ZONE);

    private final Portal portal;
    private final Withdrawals withdrawals;
    private final Guard guard;
    private final Cookies cookies;
    private final Pages pages;
    private final String organisation;
    private final SecureRandom random = new SecureRandom();

    PortalRoutes(Portal portal, Withdrawals withdrawals, Guard guard, Cookies cookies, Pages pages,
            String organisation) {
        this.portal = portal;
        this.withdrawals = withdrawals;
        this.guard = guard;
        this.cookies = cookies;
        this.pages = pages;
        this.organisation = organisation;
    }

    void register(RoutesConfig r) {
        r.get("/p/{token}", this::open);
        r.post("/p/{token}/code", this::requestCode);
        r.post("/p/{token}/verify", this::verify);
        r.get("/p/{token}/print", this::print);
        r.get("/p/{token}/attachments/{n}", this::download);
        r.post("/p/{token}/reply", this::reply);
        r.post("/p/{token}/signout", this::signOut);
        r.get("/revoke/{token}", this::revokeForm);
        r.post("/revoke/{token}", this::revoke);
        r.get("/withdraw", this::withdrawForm);
        r.post("/withdraw", this::withdraw);
        r.get("/confirm", this::confirmForm);
        r.post("/confirm", this::confirm);
    }

    // ---- frame and form token ---------------------------------------------------------------

    private String portalCookie() {
        return cookies.portalCookie();
    }

    private String formCookie() {
        return cookies.formCookie();
    }

    /** A frame that says {@code message} (not an error) instead of any pending flash. */
    private PortalViews.Frame frame(Context ctx, String title, String message) {
        PortalViews.Frame f = frame(ctx, title);
        return new PortalViews.Frame(f.organisation(), f.title(), message, false, f.formToken());
    }

    /** A frame with a fresh form token (also set as a cookie: double submit). */
    private PortalViews.Frame frame(Context ctx, String title) {
        String token = ctx.cookie(formCookie());
        if (token == null || token.length() != 43) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            cookies.set(ctx, formCookie(), token, 3600);
        }
        Optional<Cookies.Flash> flash = cookies.takeFlash(ctx);
        return new PortalViews.Frame(organisation, title, flash.map(Cookies.Flash::text).orElse(null),
                flash.map(Cookies.Flash::error).orElse(false), token);
    }

    /** Same origin and the form's token equal to the cookie's, or 403 before anything happens. */
    private void checkForm(Context ctx) {
        guard.sameOrigin(ctx);
        String cookie = ctx.cookie(formCookie());
        if (cookie == null || !Guard.equal(ctx.formParam("form"), cookie)) {
            throw WebError.forbidden("This form has expired or did not come from this site. Open the link again.");
        }
    }

    private void notice(Context ctx, int status, String title, String heading, String text) {
        pages.render(ctx, status, "portal-notice.jte", new PortalViews.Notice(frame(ctx, title), heading, text, null,
                null));
    }

    // ---- the recipient --------------------------------------------------------------------

    /** The message behind a link, or a page saying why there is none; empty when a page was shown. */
    private Optional<PortalMessage> available(Context ctx, String token) throws SQLException {
        Optional<PortalMessage> m = portal.lookup(token);
        if (m.isEmpty()) {
            notice(ctx, 404, "Link not valid", "This link is not valid",
                    "Check that you copied the whole link from the e-mail. If it still does not work, ask the sender "
                            + "to send the message again.");
            return Optional.empty();
        }
        String unavailable = m.get().unavailableReason(portal.now());
        if (unavailable != null) {
            notice(ctx, 410, "Message unavailable", "This message can no longer be read", unavailable
                    + " Please contact the sender if you still need it.");
            return Optional.empty();
        }
        return m;
    }

    private void open(Context ctx) throws SQLException, IOException {
        String token = ctx.pathParam("token");
        Optional<PortalMessage> m = available(ctx, token);
        if (m.isEmpty()) {
            return;
        }
        String session = ctx.cookie(portalCookie());
        if (portal.sessions().verified(token, session)) {
            ReadingSessions.Reading reading = portal.sessions().read(token, session, "VIEW", ctx.ip()).orElseThrow();
            pages.render(ctx, "portal-message.jte", new PortalViews.Reading(frame(ctx, reading.message().subject()),
                    token, reading.message().sender(), reading.message().recipient(),
                    DAY.format(reading.message().expires()), view(reading)));
            return;
        }
        pages.render(ctx, "portal-gate.jte", new PortalViews.Gate(frame(ctx, "Secure message"), token,
                m.get().sender(), m.get().recipient(), DAY.format(m.get().expires()), portal.codes().locked(m.get().id())));
    }

    private void requestCode(Context ctx) throws SQLException, IOException {
        checkForm(ctx);
        String token = ctx.pathParam("token");
        Outcome o = portal.codes().request(token, ctx.ip());
        pages.redirect(ctx, "/p/" + token, !o.ok(), o.message());
    }

    private void verify(Context ctx) throws SQLException {
        checkForm(ctx);
        String token = ctx.pathParam("token");
        Optional<AccessCodes.Session> s = portal.codes().verify(token, ctx.formParam("code"), ctx.ip());
        if (s.isEmpty()) {
            Optional<PortalMessage> m = portal.lookup(token);
            boolean locked = m.isPresent() && portal.codes().locked(m.get().id());
            pages.redirect(ctx, "/p/" + token, true, locked
                    ? "Too many wrong codes. For your safety this message is locked for an hour."
                    : "That code is not right, or it has expired or been used. Check the latest e-mail, or ask for a new code.");
            return;
        }
        cookies.set(ctx, portalCookie(), s.get().id(), (int) s.get().lifetime().toSeconds());
        pages.redirect(ctx, "/p/" + token, false, null);
    }

    /** The verified reading of the message behind the link, or a trip back to the code page. */
    private Optional<ReadingSessions.Reading> reading(Context ctx, String what) throws SQLException, IOException {
        String token = ctx.pathParam("token");
        Optional<ReadingSessions.Reading> r = portal.sessions().read(token, ctx.cookie(portalCookie()), what, ctx.ip());
        if (r.isEmpty()) {
            pages.redirect(ctx, "/p/" + token, true, "Please confirm it is you with a code first.");
        }
        return r;
    }

    private void print(Context ctx) throws SQLException, IOException {
        Optional<ReadingSessions.Reading> r = reading(ctx, "PRINT");
        if (r.isPresent()) {
            PortalMessage m = r.get().message();
            pages.render(ctx, "portal-print.jte", new PortalViews.Reading(frame(ctx, m.subject()), ctx.pathParam("token"),
                    m.sender(), m.recipient(), DAY.format(m.expires()), view(r.get())));
        }
    }

    private void download(Context ctx) throws SQLException, IOException {
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw WebError.notFound("No such attachment.");
        }
        Optional<ReadingSessions.Reading> r = reading(ctx, "DOWNLOAD");
        if (r.isEmpty()) {
            return;
        }
        try (InputStream in = r.get().content().open()) {
            MessageRoutes.download(ctx, in, n);
        }
    }

    private static MessageView view(ReadingSessions.Reading r) throws IOException {
        try (InputStream in = r.content().open()) {
            return MessageView.read(in);
        }
    }

    private void reply(Context ctx) throws SQLException, IOException {
        checkForm(ctx);
        String token = ctx.pathParam("token");
        List<ReplyAttachment> files = new ArrayList<>();
        long total = 0;
        for (UploadedFile f : ctx.uploadedFiles("files")) {
            if (f.filename() == null || f.filename().isBlank()) {
                continue;
            }
            try (InputStream in = f.content()) {
                byte[] bytes = in.readNBytes(MAX_REPLY_BYTES + 1);
                total += bytes.length;
                if (total > MAX_REPLY_BYTES) {
                    pages.redirect(ctx, "/p/" + token, true, "Attachments can be at most 20 MB together.");
                    return;
                }
                files.add(new ReplyAttachment(f.filename().replaceAll("[\\r\\n\"\\\\/]", "_"),
                        "application/octet-stream", bytes));
            }
        }
        Outcome o = portal.replies().send(token, ctx.cookie(portalCookie()), ctx.formParam("text"), files, ctx.ip());
        if (!o.ok()) {
            pages.redirect(ctx, "/p/" + token, true, o.message());
            return;
        }
        // The page that answers shows the reply as it went; it is not kept here afterwards.
        Optional<ReadingSessions.Reading> reading = reading(ctx, "VIEW");
        if (reading.isPresent()) {
            PortalMessage m = reading.get().message();
            String text = ctx.formParam("text") == null ? "" : ctx.formParam("text").strip();
            pages.render(ctx, "portal-message.jte", new PortalViews.Reading(frame(ctx, m.subject(), o.message()),
                    token, m.sender(), m.recipient(), DAY.format(m.expires()), view(reading.get()),
                    new PortalViews.SentReply(text, files.stream().map(ReplyAttachment::fileName).toList(),
                            UkDates.stamp(portal.now(), ZONE))));
        }
    }

    private void signOut(Context ctx) throws SQLException {
        checkForm(ctx);
        portal.sessions().end(ctx.cookie(portalCookie()));
        cookies.clear(ctx, portalCookie());
        pages.redirect(ctx, "/p/" + ctx.pathParam("token"), false, "You have closed the message.");
    }

    // ---- the sender's links -----------------------------------------------------------------

    private void revokeForm(Context ctx) throws SQLException {
        Optional<PortalMessage> m = portal.bySenderLink(ctx.pathParam("token"));
        if (m.isEmpty()) {
            notice(ctx, 404, "Withdraw a secure message", "Not found", "This link is not valid.");
            return;
        }
        PortalMessage message = m.get();
        List<Views.Fact> facts = List.of(
                new Views.Fact("Subject", message.noticeSubject().isBlank() ? "(not shown: it holds personal data)"
                        : message.noticeSubject()),
                new Views.Fact("To", message.recipient()),
                new Views.Fact("Sent", Format.time(message.created(), ZONE)),
                new Views.Fact("Opened", message.firstOpened() == null ? "not yet"
                        : Format.time(message.firstOpened(), ZONE)));
        String state = message.unavailableReason(portal.now());
        pages.render(ctx, "portal-notice.jte", new PortalViews.Notice(frame(ctx, "Withdraw a secure message"),
                "Withdraw your secure message?", state != null ? state
                        : "The recipient will no longer be able to open it. This cannot be undone.",
                state != null ? null : "/revoke/" + ctx.pathParam("token"), "Withdraw the message", facts));
    }

    private void revoke(Context ctx) throws SQLException {
        checkForm(ctx);
        Outcome o = portal.revokeBySender(ctx.pathParam("token"), ctx.ip());
        notice(ctx, o.ok() ? 200 : 404, "Withdraw a secure message", o.ok() ? "Withdrawn" : "Not withdrawn", o.message());
    }

    private void withdrawForm(Context ctx) throws SQLException {
        String t = ctx.queryParam("t") == null ? "" : ctx.queryParam("t");
        Optional<QuarantineItem> found = withdrawals.itemFor(t);
        if (found.isEmpty()) {
            notice(ctx, 404, "Withdraw a held message", "Not found", "This link is not valid, or the message is gone.");
            return;
        }
        QuarantineItem item = found.get();
        List<Views.Fact> facts = facts(item);
        boolean open = item.status().isOpen();
        pages.render(ctx, "portal-notice.jte", new PortalViews.Notice(frame(ctx, "Withdraw a held message"),
                "Withdraw your held message?", open
                        ? "It will not be sent, and the Information Assurance team will not review it."
                        : "It has already been " + Format.lower(item.status()) + ": there is nothing to withdraw.",
                open ? "/withdraw?t=" + Format.url(t) : null, "Withdraw the message", facts));
    }

    /** What names a held message to its sender: subject (unless it holds personal data), recipients, when, status. */
    private List<Views.Fact> facts(QuarantineItem item) {
        return List.of(
                new Views.Fact("Subject", withdrawals.subjectShown(item).orElse("(not shown: it holds personal data)")),
                new Views.Fact("To", String.join(", ", item.recipients())),
                new Views.Fact("Sent", Format.time(item.received(), ZONE)),
                new Views.Fact("Status", Format.lower(item.status())));
    }

    private void confirmForm(Context ctx) throws SQLException {
        String t = ctx.queryParam("t") == null ? "" : ctx.queryParam("t");
        Optional<QuarantineItem> found = withdrawals.itemFor(t);
        if (found.isEmpty()) {
            notice(ctx, 404, "Send a waiting message", "Not found", "This link is not valid, or the message is gone.");
            return;
        }
        QuarantineItem item = found.get();
        List<Views.Fact> facts = new java.util.ArrayList<>(facts(item));
        item.holds().forEach(h -> facts.add(new Views.Fact("Why it waits", h.recipient() + ": " + h.reason().detail())));
        boolean open = item.status().isOpen() && Quarantine.waitsForSender(item);
        pages.render(ctx, "portal-notice.jte", new PortalViews.Notice(frame(ctx, "Send a waiting message"),
                "Send it to these recipients?", open
                        ? "Check each address: mail sent to the wrong person cannot be taken back."
                        : item.status().isOpen() ? "It waits for the Information Assurance team, not for you."
                                : "It has already been " + Format.lower(item.status()) + ": there is nothing to send.",
                open ? "/confirm?t=" + Format.url(t) : null, "Yes, send it", facts));
    }

    private void confirm(Context ctx) throws SQLException {
        checkForm(ctx);
        var o = withdrawals.confirmByToken(ctx.queryParam("t"), ctx.ip());
        notice(ctx, o.done() ? 200 : 409, "Send a waiting message", o.done() ? "Sent" : "Not sent", o.message());
    }

    private void withdraw(Context ctx) throws SQLException {
        checkForm(ctx);
        var o = withdrawals.withdrawByToken(ctx.queryParam("t"), ctx.ip());
        notice(ctx, o.done() ? 200 : 404, "Withdraw a held message", o.done() ? "Withdrawn" : "Not withdrawn",
                o.message());
    }
}
