package org.mailgate.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.mailgate.certs.TlsIdentity;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.dashboard.Dashboard;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.notify.Withdrawals;
import org.mailgate.gateway.ooo.OutOfOffice;
import org.mailgate.gateway.phone.MessagesTaken;
import org.mailgate.gateway.portal.Portal;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side on {@code web.listen}: health and metrics (open, for monitoring), the
 * Information Assurance review pages (sessions, CSRF tokens, roles), the staff pages for leave
 * and telephone messages, and the JSON API (tokens).
 * Served over HTTPS when {@code web.tls} names a certificate and key.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Failed logins one client address may make in {@link #THROTTLE_WINDOW} (no config key yet). */
    static final int THROTTLE_FAILURES = 20;
    static final Duration THROTTLE_WINDOW = Duration.ofMinutes(10);

    /** What the web side works with, all built by the composition root. */
    public record Deps(GatewayConfig.Web config, GatewayMetrics metrics, IntSupplier queueDepth, Quarantine quarantine,
            Portal portal, Withdrawals withdrawals, String organisation, Users users, AuditLog audit, Database database,
            Clock clock, OutOfOffice outOfOffice, MessagesTaken phoneMessages, Dashboard dashboard,
            Function<String, Optional<String>> mtaStsPolicy) {
    }

    private final Javalin app;
    private final Deps deps;

    public WebServer(Deps d) throws IOException {
        this.deps = d;
        GatewayConfig.Web web = d.config();
        SSLContext tls = web.isTls()
                ? TlsIdentity.load(web.tls().certificate().get(), web.tls().key().orElseThrow()).serverContext()
                : null;
        Cookies cookies = new Cookies(tls != null);
        Sessions sessions = new Sessions(d.database(), d.clock(), web.sessionTimeout(), new SecureRandom());
        Guard guard = new Guard(sessions, d.users(), cookies, web.publicUrl());
        Pages pages = new Pages(cookies);
        SecurityHeaders headers = new SecurityHeaders(tls != null);
        ReviewActions decisions = new ReviewActions(d.quarantine());
        ObjectMapper json = new ObjectMapper();
        byte[] css = resource("/web/mailgate.css");
        this.app = Javalin.create(cfg -> {
            listen(cfg, web, tls);
            cfg.jetty.modifyServer(server -> server.setErrorHandler(headers.jettyErrors()));
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(headers::apply);
            cfg.routes.get("/health", ctx -> health(ctx, d));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(d.metrics().scrape()));
            // Our MTA-STS policy (RFC 8461), for the host mta-sts.DOMAIN of each internal domain.
            cfg.routes.get("/.well-known/mta-sts.txt", ctx -> {
                Optional<String> policy = d.mtaStsPolicy().apply(ctx.host());
                if (policy.isEmpty()) {
                    throw new WebError(404, message(404));
                }
                ctx.header("Cache-Control", "max-age=300").contentType("text/plain; charset=us-ascii")
                        .result(policy.get());
            });
            cfg.routes.get("/static/mailgate.css", ctx -> ctx.header("Cache-Control", "max-age=3600")
                    .contentType("text/css; charset=utf-8").result(css));
            new LoginRoutes(d.users(), sessions, guard, cookies, pages,
                    new LoginThrottle(d.clock(), THROTTLE_FAILURES, THROTTLE_WINDOW), d.audit()).register(cfg.routes);
            new QueueRoutes(d.quarantine().store(), decisions, guard, pages, d.clock()).register(cfg.routes);
            new MessageRoutes(d.quarantine(), decisions, d.audit(), guard, pages, d.clock()).register(cfg.routes);
            new AuditRoutes(d.audit(), guard, pages, d.clock()).register(cfg.routes);
            new UserRoutes(d.users(), d.audit(), guard, pages, d.clock()).register(cfg.routes);
            new ApiRoutes(d.quarantine().store(), decisions, guard, d.clock(), json).register(cfg.routes);
            new LeaveRoutes(d.outOfOffice().schedule(), guard, pages, d.clock().getZone(), () -> d.outOfOffice().file()
                    .map(f -> new LeaveRoutes.LeaveFileState(f.path().toString(), f.last().problems().stream()
                            .map(Object::toString).toList()))).register(cfg.routes);
            new LeaveApiRoutes(d.outOfOffice().schedule(), guard, json).register(cfg.routes);
            new PhoneMessageRoutes(d.phoneMessages(), guard, pages, d.clock()).register(cfg.routes);
            new DashboardRoutes(d.dashboard(), guard, pages, json).register(cfg.routes);
            new PortalRoutes(d.portal(), d.withdrawals(), guard, cookies, pages, d.organisation()).register(cfg.routes);
            ErrorPages errors = new ErrorPages(guard, pages, json);
            cfg.routes.exception(WebError.class, errors::handle);
            cfg.routes.exception(HttpResponseException.class,
                    (e, ctx) -> errors.handle(new WebError(e.getStatus(), message(e.getStatus())), ctx));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("web: {} {} failed", ctx.method(), ctx.path(), e);
                errors.handle(new WebError(500, "Something went wrong on the server; it has been logged. "
                        + "Try again, and tell the administrator if it keeps happening."), ctx);
            });
        });
    }

    /**
     * Liveness for monitoring: 200 and UP while the shared store answers, 503 and DOWN when it
     * does not (mail then waits in the spool), and the queue depth. What is wrong goes to the log,
     * not here: this page is open to anyone, and a driver's message names hosts and ports.
     */
    private static void health(io.javalin.http.Context ctx, Deps d) {
        Optional<String> problem = d.database().problem(2);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", problem.isEmpty() ? "UP" : "DOWN");
        body.put("queue", d.queueDepth().getAsInt());
        body.put("store", problem.isEmpty() ? "UP" : "DOWN");
        ctx.status(problem.isEmpty() ? 200 : 503).json(body);
    }

    private static String message(int status) {
        return status == HttpStatus.NOT_FOUND.getCode() ? "There is no page at this address."
                : status == HttpStatus.METHOD_NOT_ALLOWED.getCode() ? "That method is not allowed here."
                : "The request could not be served (" + status + ").";
    }

    /** Plain HTTP on web.listen, or HTTPS only when a certificate is configured. */
    private static void listen(JavalinConfig cfg, GatewayConfig.Web web, SSLContext tls) {
        cfg.jetty.host = web.listen().host();
        cfg.jetty.port = web.listen().port();
        if (tls == null) {
            return;
        }
        cfg.jetty.addConnector((server, http) -> {
            // The certificate's names are the operator's business; do not refuse clients that use an IP address.
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            ssl.setIncludeProtocols(GatewayConfig.Tls.protocolsFrom(web.tls().minVersion(),
                    new String[] {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}));
            ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
            c.setHost(web.listen().host());
            c.setPort(web.listen().port());
            return c;
        });
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " (a broken build?)");
            }
            return in.readAllBytes();
        }
    }

    public void start() {
        app.start();
        log.info("web: review UI and API on {}://{}:{} (people reach it as {})", deps.config().isTls() ? "https" : "http",
                deps.config().listen().host(), port(), deps.config().publicUrl());
        try {
            if (deps.users().list().isEmpty()) {
                log.warn("web: no accounts yet; add one with: gateway.jar users add NAME --role admin --password-stdin");
            }
        } catch (java.sql.SQLException e) {
            log.warn("web: cannot list accounts yet: {}", e.getMessage());
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Errors as a page for people, as JSON for the API, and a trip to the login page when signed out. */
    private record ErrorPages(Guard guard, Pages pages, ObjectMapper json) {

        void handle(WebError e, Context ctx) {
            if (ctx.path().startsWith("/api/")) {
                try {
                    ctx.status(e.status()).contentType("application/json")
                            .result(json.writeValueAsString(Map.of("error", e.getMessage())));
                } catch (IOException impossible) {
                    ctx.status(e.status()).result("{\"error\":\"(unprintable)\"}");
                }
                return;
            }
            if (e.status() == 401) {
                String next = ctx.method() == io.javalin.http.HandlerType.GET
                        ? LoginRoutes.safeNext(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()))
                        : null;
                ctx.redirect(next == null ? "/login" : "/login?next=" + Format.url(next), HttpStatus.SEE_OTHER);
                return;
            }
            Sessions.Session s = null;
            try {
                s = guard.current(ctx).orElse(null);
            } catch (Exception ignored) {
                // the store may be what failed; the error page does without the menu
            }
            String heading = switch (e.status()) {
                case 403 -> "Not allowed";
                case 404 -> "Not found";
                case 500 -> "Server error";
                default -> "Cannot do that";
            };
            pages.render(ctx, e.status(), "error.jte", new Views.ErrorPage(pages.chrome(ctx, heading, s), e.status(),
                    heading, e.getMessage()));
        }
    }
}
