package org.mailgate.gateway.web;

import io.javalin.Javalin;
import java.util.function.IntSupplier;
import org.mailgate.config.HostPort;
import org.mailgate.gateway.metrics.GatewayMetrics;

/** The HTTP side on {@code web.listen}: health and metrics now, the review UI later. */
public final class WebServer implements AutoCloseable {

    private final Javalin app;

    public WebServer(HostPort listen, GatewayMetrics metrics, IntSupplier queueDepth) {
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = listen.host();
            cfg.jetty.port = listen.port();
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "UP", "queue", queueDepth.getAsInt())));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
    }

    public void start() {
        app.start();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
