package org.mailgate.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.gateway.testing.GatewayLab;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestSink;

/**
 * The portal's promises through the real gateway, below the web pages: only a notice leaves,
 * the link alone shows nothing, codes are single-use, per-message and limited, and expired or
 * revoked messages stay shut.
 */
class PortalFlowTest {

    static final String SENSITIVE = "From: worker@council.example\r\nTo: parent@home.example\r\n"
            + "Subject: Your child's plan\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "National Insurance number: AB 12 34 56 C\r\nNHS number: 943 476 5919\r\n";

    @RegisterExtension
    final GatewayLab lab = GatewayLab.protectedStage().with(
            "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
            "quarantine:\n  notify_senders: false\n");

    private Portal portal() {
        return lab.gateway().gateway().portal();
    }

    /** Sends a sensitive message to {@code to} and returns the token from the notice that reached them. */
    private String sendAndReadToken(String to) throws Exception {
        int before = lab.external().received().size();
        try (SmtpConversation c = lab.gateway().ehlo()) {
            SmtpConversation.expect(c.sendMail("worker@council.example", List.of(to), SENSITIVE.replace(
                    "parent@home.example", to)), 250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> lab.external().received().size() > before);
        String notice = lab.external().received().get(lab.external().received().size() - 1).text();
        assertThat(notice).doesNotContain("AB 12 34 56 C", "943 476 5919");
        Matcher m = Pattern.compile("/p/([A-Za-z0-9_-]{43})").matcher(notice);
        assertThat(m.find()).as(notice).isTrue();
        return m.group(1);
    }

    private String latestCode(String to) {
        for (int i = lab.external().received().size() - 1; i >= 0; i--) {
            TestSink.Received r = lab.external().received().get(i);
            Matcher m = Pattern.compile("Subject: Your code: (\\d{6})").matcher(r.text());
            if (r.recipients().contains(to) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code mail for " + to);
    }

    private String codeFor(String token, String to) throws Exception {
        int before = lab.external().received().size();
        assertThat(portal().codes().request(token, "192.0.2.1").ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.external().received().size() > before);
        return latestCode(to);
    }

    @Test
    void onlyTheNoticeLeavesAndTheLinkAloneShowsNothing() throws Exception {
        String token = sendAndReadToken("parent@home.example");
        assertThat(lab.external().received()).hasSize(1);
        TestSink.Received notice = lab.external().received().get(0);
        assertThat(notice.sender()).isEmpty(); // null sender: nothing bounces back to anyone
        assertThat(notice.text()).contains("worker@council.example", "Subject: Secure message from", "Auto-Submitted: auto-generated");
        assertThat(portal().sessions().read(token, null, "VIEW", "192.0.2.1")).isEmpty();
        assertThat(portal().sessions().read(token, "made-up-session-id-made-up-session-id-12345", "VIEW", "192.0.2.1")).isEmpty();
        // Nothing readable at rest.
        try (var files = Files.walk(lab.dir())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).as(p.toString()).doesNotContain("AB 12 34 56 C");
            }
        }
    }

    @Test
    void theRightCodeOpensTheMessageOnceAndTheSenderGetsAReceipt() throws Exception {
        String token = sendAndReadToken("parent@home.example");
        String code = codeFor(token, "parent@home.example");
        Optional<AccessCodes.Session> session = portal().codes().verify(token, code, "192.0.2.1");
        assertThat(session).isPresent();
        assertThat(portal().codes().verify(token, code, "192.0.2.1")).as("single use").isEmpty();
        Optional<ReadingSessions.Reading> reading = portal().sessions().read(token, session.get().id(), "VIEW", "192.0.2.1");
        assertThat(new String(reading.orElseThrow().content().open().readAllBytes(), StandardCharsets.UTF_8)).contains("AB 12 34 56 C");
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.internal().received().stream()
                .anyMatch(r -> r.text().contains("Subject: Opened: Your child's plan")));
        portal().sessions().read(token, session.get().id(), "VIEW", "192.0.2.1");
        Thread.sleep(1000);
        assertThat(lab.internal().received().stream().filter(r -> r.text().contains("Subject: Opened:")).count()).isOne();
        // The reply reaches the internal sender as ordinary mail.
        Outcome sent = portal().replies().send(token, session.get().id(), "Thank you, received.",
                List.of(new ReplyAttachment("signed.pdf", "application/pdf", new byte[] {1, 2, 3})), "192.0.2.1");
        assertThat(sent.ok()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.internal().received().stream()
                .anyMatch(r -> r.recipients().contains("worker@council.example") && r.text().contains("Thank you, received.")));
    }

    @Test
    void aCodeForOneMessageDoesNotOpenAnother() throws Exception {
        String first = sendAndReadToken("parent@home.example");
        String second = sendAndReadToken("parent@home.example");
        String code = codeFor(first, "parent@home.example");
        assertThat(portal().codes().verify(second, code, "192.0.2.1")).isEmpty();
        assertThat(portal().codes().verify(first, code, "192.0.2.1")).isPresent();
        AccessCodes.Session s = portal().codes().verify(first, codeFor(first, "parent@home.example"), "192.0.2.1").orElseThrow();
        assertThat(portal().sessions().read(second, s.id(), "VIEW", "192.0.2.1")).as("session of another message").isEmpty();
    }

    @Test
    void guessingCodesLocksTheMessage() throws Exception {
        String token = sendAndReadToken("parent@home.example");
        String code = codeFor(token, "parent@home.example");
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < AccessCodes.FAILURES_PER_HOUR; i++) {
            assertThat(portal().codes().verify(token, wrong, "198.51.100." + i)).isEmpty();
        }
        assertThat(portal().codes().verify(token, code, "203.0.113.9")).as("locked even for the right code").isEmpty();
        lab.clock().advance(Duration.ofMinutes(61));
        String fresh = codeFor(token, "parent@home.example");
        assertThat(portal().codes().verify(token, fresh, "203.0.113.9")).isPresent();
    }

    @Test
    void codesExpireAndAreLimitedPerHour() throws Exception {
        String token = sendAndReadToken("parent@home.example");
        String code = codeFor(token, "parent@home.example");
        lab.clock().advance(Duration.ofMinutes(11));
        assertThat(portal().codes().verify(token, code, "192.0.2.1")).isEmpty();
        for (int i = 1; i < AccessCodes.CODES_PER_HOUR; i++) {
            assertThat(portal().codes().request(token, "192.0.2.1").ok()).isTrue();
        }
        assertThat(portal().codes().request(token, "192.0.2.1").message()).contains("several codes");
    }

    @Test
    void revokedExpiredAndTamperedLinksAreRefused() throws Exception {
        String token = sendAndReadToken("parent@home.example");
        char last = token.charAt(42);
        String tampered = token.substring(0, 42) + (last == 'A' ? 'B' : 'A');
        assertThat(portal().lookup(tampered)).isEmpty();
        assertThat(portal().codes().request(tampered, "192.0.2.1").ok()).isFalse();
        PortalMessage m = portal().lookup(token).orElseThrow();
        assertThat(portal().revoke(m.id(), "rita", "127.0.0.1").ok()).isTrue();
        assertThat(portal().codes().request(token, "192.0.2.1").message()).contains("withdrawn");

        String other = sendAndReadToken("gp@surgery.example");
        String code = codeFor(other, "gp@surgery.example");
        lab.clock().advance(Duration.ofDays(31));
        assertThat(portal().codes().verify(other, code, "192.0.2.1")).isEmpty();
        assertThat(portal().codes().request(other, "192.0.2.1").message()).contains("expired");
        assertThat(portal().purgeExpired()).isEqualTo(2);
        assertThat(portal().lookup(other)).isEmpty();
    }
}
