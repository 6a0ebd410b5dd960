package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestFiles;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** An operator deletes a waiting message with 'queue delete' while the gateway runs. */
class QueueDeleteTest extends CliTestBase {

    @TempDir
    Path dir;

    @Test
    void deletesADeferredMessageFromTheRunningGateway() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort(); // nobody listens here: delivery is deferred
        }
        try (TestSink sink = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), closed,
                        "delivery:\n  retry_intervals: [1h]\n  connect_timeout: 2s\n"))) {
            String qid;
            try (SmtpConversation c = gw.ehlo()) {
                Matcher m = Pattern.compile("queued as (\\w+)").matcher(c.sendMail("a@council.example",
                        List.of("b@partner.example"), "Subject: x\r\n\r\nx\r\n").text());
                assertThat(m.find()).isTrue();
                qid = m.group(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> TestFiles.spoolStates(dir).contains("\"attempts\":1"));
            Path config = dir.resolve("cli.yaml");
            Files.writeString(config, "storage:\n  dir: " + dir + "\n");
            assertThat(run("queue", "delete", "--config", config.toString(), qid, "not-a-queue-id")).isEqualTo(2);
            assertThat(err.toString()).contains("'not-a-queue-id' is not a queue id");
            assertThat(out.toString()).isEqualTo(qid + ": deleted\n");
            assertThat(TestFiles.isEmpty(dir.resolve("spool/queue"))).isTrue();
            assertThat(gw.gateway().queue().depth()).isZero();
            assertThat(TestFiles.isEmpty(dir.resolve("spool/delete"))).isTrue();
            assertThat(sink.received()).isEmpty();

            out.reset();
            assertThat(run("queue", "delete", "--config", config.toString(), qid)).isEqualTo(1);
            assertThat(out.toString()).isEqualTo(qid + ": not in the queue (already delivered, or deleted)\n");
        }
    }
}
