package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TcpProxy;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

class HealthAndMetricsTest {

    @TempDir
    Path dir;

    @Test
    void reportsHealthAndCountsWhatTheRelayDid() throws Exception {
        try (TestSink sink = new TestSink().rcptReply(r -> r.startsWith("gone") ? "550 5.1.1 gone" : "250 2.1.5 Ok");
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port()))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gw.webPort();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"queue\":0,\"store\":\"UP\"}");
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("a@council.example", List.of("b@partner.example", "gone@partner.example"),
                        "Subject: m\r\n\r\nx\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("gateway_messages_received_total 1.0",
                        "gateway_recipients_total{result=\"delivered\"} 2.0", // b@partner and the bounce to a@council
                        "gateway_recipients_total{result=\"bounced\"} 1.0",
                        "gateway_queue_depth 0.0", "gateway_delivery_latency_seconds_count 2",
                        "jvm_threads_live_threads");
            });
        }
    }

    @Test
    void saysDownWhileTheSharedStoreCannotBeReachedAndUpWhenItIsBack() throws Exception {
        // The gateway reaches PostgreSQL through a proxy that the test cuts and restores.
        String url = TestDatabases.freshPostgresSchema();
        try (TcpProxy proxy = new TcpProxy(URI.create(url.substring("jdbc:".length())).getPort());
                TestSink sink = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(), "storage:\n  dir: "
                        + dir + "\n  database: " + url.replace(":5432/", ":" + proxy.port() + "/") + "\n"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.webPort() + "/health")).build();
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            proxy.cut();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> down = http.send(health, HttpResponse.BodyHandlers.ofString());
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"queue\":0,\"store\":\"DOWN\"}");
            });

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
                            .isEqualTo("{\"status\":\"UP\",\"queue\":0,\"store\":\"UP\"}"));
        }
    }
}
