package org.mailgate.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * The committed corpus of hostile messages (gateway/src/test/resources/nasty, written by
 * {@link NastyCorpus}) through the real gateway with the production stage: each gets a clear
 * answer (250, or a 5xx refusal), none reaches the external recipient in clear, the gateway
 * finishes with every one of them within its limits, and then still relays ordinary mail.
 */
class NastyCorpusTest {
    @TempDir
    Path dir;

    @Test
    void nothingCrashesHangsOrLeavesInClear() throws Exception {
        Path corpus = Path.of("src/test/resources/nasty");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        try (TestSink internal = new TestSink(); TestSink external = new TestSink();
                TestGateway gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                        "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n"), b -> { })) {
            Map<String, Integer> replies = new LinkedHashMap<>();
            for (Path f : files) {
                String message = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                try (SmtpConversation c = gw.ehlo()) {
                    SmtpConversation.expect(c.command("MAIL FROM:<worker@council.example>"), 250);
                    SmtpConversation.expect(c.command("RCPT TO:<parent@home.example>"), 250);
                    SmtpConversation.expect(c.command("DATA"), 354);
                    c.sendBytes((SmtpConversation.dotStuff(message) + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    replies.put(f.getFileName().toString(), c.read().code());
                }
            }
            // A clear answer for each: accepted, or refused for good (a line over 998 characters,
            // a header over smtp.max_header_bytes).
            assertThat(replies).allSatisfy((name, code) -> assertThat(code).as(name).isIn(250, 500, 552));
            assertThat(replies.get("header-line-1mb.eml")).isEqualTo(500);
            assertThat(replies.get("header-1mb-folded.eml")).isEqualTo(552);
            assertThat(replies.get("subject-100kb-folded.eml")).isEqualTo(250);
            long accepted = replies.values().stream().filter(c -> c == 250).count();

            // Every accepted one is dealt with (portal or review) within the processing limit.
            await().atMost(Duration.ofSeconds(150)).until(() -> gw.gateway().queue().depth() == 0);
            long held = gw.gateway().quarantine().store().list(QuarantineFilter.all(50)).total();
            List<String> outside = new ArrayList<>();
            external.received().forEach(r -> outside.add(r.text()));
            long notices = outside.stream().filter(t -> t.contains("Subject: Secure message from")).count();
            assertThat(held + notices).isEqualTo(accepted);
            assertThat(outside).allSatisfy(t -> assertThat(t).contains("Subject: Secure message from")
                    .doesNotContain(NastyCorpus.SENTINEL, "AB123456C", "TkkgQUIgMTIgMzQgNTYgQw")); // nor in base64
            // Line breaks hidden in encoded words add no header and no recipient anywhere.
            assertThat(external.received()).allSatisfy(r -> assertThat(r.recipients()).containsOnly("parent@home.example"));
            internal.received().forEach(r -> assertThat(r.recipients()).containsOnly("worker@council.example"));
            external.received().forEach(r -> assertThat(r.text().split("\r\n\r\n", 2)[0]).doesNotContainPattern("(?im)^bcc:"));
            internal.received().forEach(r -> assertThat(r.text().split("\r\n\r\n", 2)[0]).doesNotContainPattern("(?im)^bcc:"));

            // Still relaying ordinary mail.
            int before = external.received().size();
            try (SmtpConversation c = gw.ehlo()) {
                SmtpConversation.expect(c.sendMail("worker@council.example", List.of("friend@partner.example"),
                        "Subject: lunch\r\n\r\nSee you at one.\r\n"), 250);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> external.received().size() == before + 1);
        }
    }
}
