package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.spool.DeliveryState;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * A crash after a message's last recipient was dealt with (its state saved as complete) but
 * before its files were removed: the next start removes it, and delivers nothing again.
 */
class FinishedMessageRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aMessageLeftCompleteInTheSpoolIsRemovedAtStart() throws Exception {
        Spool spool = new Spool(dir);
        Envelope e = new Envelope(new QueueIds(java.time.Clock.systemUTC()).next(), "a@council.example", List.of("b@partner.example", "c@council.example"),
                Instant.now(), "127.0.0.1", "x", null, false, false, Envelope.Origin.SMTP);
        spool.submit(e, "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        spool.saveState(e.queueId(), new DeliveryState(List.of(
                RecipientState.pending("b@partner.example", RecipientState.ORIGINAL, false, "sensitive")
                        .handled("secure portal message 7"),
                RecipientState.pending("c@council.example", RecipientState.ORIGINAL, false, "internal")
                        .attempted(RecipientState.Status.DELIVERED, "250 ok"))));

        try (TestSink sink = new TestSink();
                TestGateway gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.gateway().queue().depth() == 0);
            try (Stream<Path> left = Files.list(dir.resolve("spool/queue"))) {
                assertThat(left).isEmpty();
            }
            assertThat(sink.received()).isEmpty();
        }
    }
}
