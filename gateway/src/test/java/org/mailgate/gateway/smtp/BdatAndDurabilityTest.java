package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.SmtpConversation.Reply;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * CHUNKING and the promise behind every 250: the spool file is in the queue folder (renamed
 * there after fsync) at the moment the client reads the reply. The processing stage is held
 * shut so that nothing can deliver and remove the file before the test looks.
 */
class BdatAndDurabilityTest {

    private static final Pattern QUEUED = Pattern.compile("queued as ([0-9A-Z]{16})");

    @TempDir
    Path dir;
    TestSink sink;
    TestGateway gw;
    final CountDownLatch gate = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        sink = new TestSink();
        ProcessingStage relay = ProcessingStage.deliverAll();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port(), """
                smtp:
                  listen: 127.0.0.1:0
                  max_message_bytes: 5000
                """), b -> b.stage(m -> {
                    gate.await();
                    return relay.process(m);
                }));
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        gw.close();
        sink.close();
    }

    private String queuedFile(Reply r) throws Exception {
        Matcher m = QUEUED.matcher(r.text());
        assertThat(m.find()).as("queue id in %s", r).isTrue();
        Path file = dir.resolve("spool/queue/" + m.group(1) + ".msg");
        assertThat(file).as("spool file when 250 arrives").exists();
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    @Test
    void dataIsDurableBefore250() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            Reply r = c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: d\r\n\r\ndurable\r\n");
            assertThat(queuedFile(r)).endsWith("Subject: d\r\n\r\ndurable\r\n");
        }
    }

    @Test
    void bdatLastIsDurableBefore250AndSeveralMessagesShareASession() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            for (int i = 0; i < 3; i++) {
                SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
                SmtpConversation.expect(c.command("RCPT TO:<b" + i + "@partner.example>"), 250);
                String part1 = "Subject: chunk " + i + "\r\n\r\n";
                String part2 = "second chunk " + i + "\r\n";
                c.send("BDAT " + part1.length() + "\r\n" + part1);
                assertThat(c.read().text()).isEqualTo("250 2.0.0 " + part1.length() + " octets received");
                c.send("BDAT " + part2.length() + " LAST\r\n" + part2);
                Reply last = c.read();
                assertThat(queuedFile(last)).endsWith(part1 + part2);
            }
        }
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 3);
    }

    @Test
    void pipelinedChunksAndMessagesStayInStep() throws Exception {
        String m1 = "Subject: one\r\n\r\nA\r\n";
        String m2 = "Subject: two\r\n\r\nB\r\n";
        try (SmtpConversation c = gw.ehlo()) {
            c.send("MAIL FROM:<a@council.example>\r\nRCPT TO:<b@partner.example>\r\n"
                    + "BDAT 5\r\n" + m1.substring(0, 5) + "BDAT " + (m1.length() - 5) + " LAST\r\n" + m1.substring(5)
                    + "MAIL FROM:<a@council.example>\r\nRCPT TO:<c@partner.example>\r\n"
                    + "BDAT " + m2.length() + " LAST\r\n" + m2 + "NOOP\r\n");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().text()).contains("5 octets");
            assertThat(c.read().text()).contains("queued as");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().text()).contains("queued as");
            assertThat(c.read().text()).isEqualTo("250 2.0.0 Ok");
        }
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 2);
        assertThat(sink.received()).extracting(r -> r.text().substring(r.text().indexOf("Subject:")))
                .containsExactlyInAnyOrder(m1, m2);
    }

    @Test
    void chunkWithoutATransactionIsReadAndRefused() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            c.send("BDAT 12 LAST\r\nMAIL FROM:<>");
            assertThat(c.read().text()).startsWith("503 5.5.1");
            assertThat(c.command("NOOP").text()).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void chunkPastTheSizeLimitIsRefusedAndTheRestDiscarded() throws Exception {
        String big = ("x".repeat(98) + "\r\n").repeat(30);
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            c.send("BDAT 3000\r\n" + big + "BDAT 3000 LAST\r\n" + big);
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.read().text()).startsWith("552 5.3.4");
            assertThat(c.command("NOOP").text()).isEqualTo("250 2.0.0 Ok");
        }
        assertThat(dir.resolve("spool/queue")).isEmptyDirectory();
    }

    @Test
    void dataAfterBdatIsRefused() throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            c.send("BDAT 4\r\nabcd");
            assertThat(c.read().code()).isEqualTo(250);
            assertThat(c.command("DATA").text()).startsWith("503 5.5.1");
        }
    }

    @Test
    void bdatContentIsCheckedForSmugglingLikeData() throws Exception {
        String evil = "Subject: x\r\n\r\nhi\n.\nMAIL FROM:<e@x>\r\n";
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            c.send("BDAT " + evil.length() + " LAST\r\n" + evil);
            assertThat(c.read().text()).startsWith("554 5.5.2");
        }
    }

    @Test
    void aChunkHoldingCrlfDotCrlfIsRelayedIntact() throws Exception {
        String msg = "Subject: dot\r\n\r\nbefore\r\n.\r\nafter\r\n";
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            c.send("BDAT " + msg.length() + " LAST\r\n" + msg);
            assertThat(c.read().code()).isEqualTo(250);
        }
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 1);
        assertThat(sink.received().get(0).text()).endsWith(msg);
    }
}
