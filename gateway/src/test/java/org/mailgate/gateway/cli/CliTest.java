package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.EffectiveConfig;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.spool.DeliveryState;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;

class CliTest extends CliTestBase {

    @TempDir
    Path dir;

    @Test
    void badConfigStopsServeBeforeAnyPortOpens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("gw.yaml");
        Files.writeString(cfg, "smtp:\n  listen: 127.0.0.1:" + port + "\n  max_mesage_bytes: 10\nstorage:\n  dir: " + dir + "\n");
        assertThat(run("serve", "--config", cfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(cfg + ":3: smtp.max_mesage_bytes: unknown key (did you mean 'max_message_bytes'?)")
                .contains("not started");
        try (ServerSocket s = new ServerSocket(port)) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
        assertThat(dir.resolve("spool")).doesNotExist();
    }

    @Test
    void configPrintsTheEffectiveConfigurationWhichLoadsBackTheSame() throws Exception {
        Path cfg = dir.resolve("gw.yaml");
        Files.writeString(cfg, "domains:\n  internal: [council.example]\nroutes:\n  internal: 10.0.0.5:25\n"
                + "delivery:\n  domains:\n    nhs.net: {tls: required}\nstorage:\n  dir: " + dir + "\n");
        assertThat(run("config", "--config", cfg.toString())).isEqualTo(0);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("max_message_bytes: 52428800", "max_queue_days: 5", "retry_intervals: [1m, 5m, 15m",
                "nhs.net:\n      tls: verify");
        GatewayConfig original = new ConfigLoader().load(cfg);
        GatewayConfig reloaded = new ConfigLoader().parse(printed, "printed");
        var builtIn = org.mailgate.gateway.protect.ClassifierSetup.builtInRules();
        assertThat(EffectiveConfig.toYaml(reloaded, builtIn).lines().skip(1).toList())
                .isEqualTo(EffectiveConfig.toYaml(original, builtIn).lines().skip(1).toList());
        assertThat(reloaded.classifier().rules()).as("the built-in rules, printed").isEqualTo(builtIn);
    }

    @Test
    void queueListsWhatWaitsAndFlushAsksTheGatewayToRetry() throws Exception {
        Path cfg = dir.resolve("gw.yaml");
        Files.writeString(cfg, "storage:\n  dir: " + dir + "\n");
        Spool spool = new Spool(dir);
        spool.submit(new Envelope("0HOLN6HDUZMMT9JC", "a@council.example", List.of("b@partner.example"), Instant.now(),
                "127.0.0.1", "x", null, false, false, Envelope.Origin.SMTP), "Subject: x\r\n\r\nx\r\n".getBytes());
        spool.saveState("0HOLN6HDUZMMT9JC", new DeliveryState(List.of(
                new RecipientState("b@partner.example", RecipientState.Status.PENDING, "original", false, 2,
                        Instant.now().plusSeconds(60), "451 4.4.1 Connection refused", "relay"))));
        assertThat(run("queue", "list", "--config", cfg.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("0HOLN6HDUZMMT9JC", "<a@council.example>", "<b@partner.example>",
                "deferred (2 attempt(s)", "451 4.4.1 Connection refused", "-- 1 message(s)");
        assertThat(run("queue", "flush", "--config", cfg.toString())).isEqualTo(0);
        assertThat(dir.resolve("spool/flush")).exists();
    }

    @Test
    void hashPasswordMakesABcryptHashTheConfigAccepts() {
        System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("hash-password", "--password-stdin")).isEqualTo(0);
        String hash = out.toString().trim();
        assertThat(hash).startsWith("$2y$12$");
        assertThat(org.mailgate.gateway.auth.Passwords.matches("s3cret", hash)).isTrue();
    }
}
