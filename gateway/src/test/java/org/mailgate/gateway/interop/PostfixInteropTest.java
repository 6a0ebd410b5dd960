package org.mailgate.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.GatewayProcess;
import org.mailgate.gateway.testing.Peers;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** Real peers: Postfix relaying through the gateway, the gateway relaying through Postfix, swaks as client. */
class PostfixInteropTest {

    @TempDir
    Path dir;
    final Path lab = Path.of("/tmp/mailgate-postfix-interop");
    TestSink sink;
    TestGateway gw;

    @BeforeEach
    void peers() throws Exception {
        Peers.require("postfix", true);
        Peers.require("swaks", false);
        sink = new TestSink();
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (sink != null) {
            sink.close();
        }
        Peers.postfixLab("stop", lab.toString());
    }

    @Test
    void postfixRelaysThroughTheGatewayOverStarttls() throws Exception {
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port()));
        int postfixPort = GatewayProcess.freePort();
        Peers.Result started = Peers.postfixLab("start", lab.toString(), String.valueOf(postfixPort),
                String.valueOf(gw.smtpPort()));
        assertThat(started.exit()).as(started.output()).isZero();
        Peers.Result swaks = Peers.run(List.of("swaks", "--server", "127.0.0.1:" + postfixPort,
                "--from", "alice@council.example", "--to", "bob@partner.example",
                "--header", "Subject: via Postfix", "--body", "Gr\u00fc\u00dfe aus dem Rathaus"));
        assertThat(swaks.exit()).as(swaks.output()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
        String delivered = sink.received().get(0).text();
        assertThat(delivered).contains("by gw.test (mailgate) with ESMTPS id", "from postfix.lab", "Subject: via Postfix",
                "Gr\u00fc\u00dfe aus dem Rathaus");
        await().atMost(Duration.ofSeconds(10)).until(() -> Peers.postfixLab("log", lab.toString()).output()
                .contains("status=sent (250 2.0.0 Ok: queued as "));
    }

    @Test
    void gatewayRelaysThroughPostfix() throws Exception {
        int postfixPort = GatewayProcess.freePort();
        Peers.Result started = Peers.postfixLab("start", lab.toString(), String.valueOf(postfixPort),
                String.valueOf(sink.port()));
        assertThat(started.exit()).as(started.output()).isZero();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), postfixPort));
        Peers.Result swaks = Peers.run(List.of("swaks", "--server", "127.0.0.1:" + gw.smtpPort(),
                "--from", "alice@council.example", "--to", "carol@partner.example",
                "--header", "Subject: through Postfix", "--body", "plain"));
        assertThat(swaks.exit()).as(swaks.output()).isZero();
        assertThat(swaks.output()).containsPattern("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}");
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().size() == 1);
        assertThat(new String(sink.received().get(0).data(), StandardCharsets.UTF_8))
                .contains("by postfix.lab", "by gw.test (mailgate)", "Subject: through Postfix");
    }
}
