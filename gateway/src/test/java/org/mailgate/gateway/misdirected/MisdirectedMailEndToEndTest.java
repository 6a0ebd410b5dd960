package org.mailgate.gateway.misdirected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * Mail to the wrong recipient, through a real gateway with the default {@code misdirected:}
 * rules: a sender who has written 20 messages to someone@partner.example sends sensitive mail
 * to a look-alike; the copy waits, the notice names the look-alike, and the sender's reply or
 * silence decides. One gateway for the class (the history takes 20 messages to build); the
 * test that moves the clock past the timeout runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MisdirectedMailEndToEndTest {

    private static final String SENDER = "worker@council.example";
    private static final String KNOWN = "someone@partner.example";
    private static final String SENSITIVE = "Subject: Benefit claim\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nDear Mr Jones,\r\n\r\nYour National Insurance number is "
            + "AB 12 34 56 C and your partner's National Insurance number is JG 10 37 21 A.\r\n";

    @TempDir
    static Path dir;
    final MutableClock clock = new MutableClock();
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeAll
    void start() throws Exception {
        assertThat(dir).isNotNull();
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n"), b -> b.clock(clock));
        try (SmtpConversation c = gw.ehlo()) {
            for (int i = 1; i <= 20; i++) {
                SmtpConversation.expect(c.sendMail(SENDER, List.of(KNOWN), "From: " + SENDER + "\r\nTo: " + KNOWN
                        + "\r\nSubject: Meeting " + i + "\r\n\r\nSee you on Tuesday.\r\n"), 250);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> to(external, KNOWN).size() == 20);
    }

    @AfterAll
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    @Test
    @Order(1)
    void sensitiveMailToALookAlikeWaitsAndTheSenderSendsItByReply() throws Exception {
        Waiting w = sendSensitive("someone@partner.exmaple");
        assertThat(w.subject()).isEqualTo("Please confirm: Benefit claim");
        assertThat(w.body().replaceAll("\\s+", " ")).contains("looks like partner.example, to which you sent 20 messages "
                + "(two letters swapped)", "reply with the single word \"send\"",
                "https://mailgate.council.example/confirm?t=", "https://mailgate.council.example/withdraw?t=");
        QuarantineItem item = item(w.id());
        assertThat(item.rules()).containsExactly(HoldReason.Rule.AWAITING_SENDER);
        assertThat(to(external, "someone@partner.exmaple")).isEmpty();

        reply(w, "send\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> item(w.id()).status() == Status.RELEASED);
        assertThat(item(w.id()).decidedBy()).isEqualTo(SENDER);
        // Sensitive: it goes the way the policy decided (the secure portal), never in clear.
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(external, "someone@partner.exmaple").isEmpty());
        assertThat(to(external, "someone@partner.exmaple")).allSatisfy(r ->
                assertThat(r.text()).doesNotContain("12 34 56").contains("https://mailgate.council.example/"));
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("You confirmed") == 1);
        assertThat(gw.gateway().audit().list(java.util.Optional.empty(), java.util.Optional.of("SENDER_CONFIRM"),
                java.util.Optional.of(w.id()), java.util.Optional.empty(), 5)).hasSize(1);
    }

    @Test
    @Order(2)
    void withdrawingByReplyDropsTheCopyAndSaysSo() throws Exception {
        Waiting w = sendSensitive("someone@partnr.example");
        assertThat(w.body().replaceAll("\\s+", " ")).contains("looks like partner.example", "(a letter missing)");
        reply(w, "withdraw\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> item(w.id()).status() == Status.WITHDRAWN);
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("You withdrew") == 1);
        assertThat(to(external, "someone@partnr.example")).isEmpty();
    }

    @Test
    @Order(3)
    void mailToTheKnownAddressGoesAsBeforeAndNoOtherCopyWaits() throws Exception {
        int before = to(external, KNOWN).size();
        long items = gw.gateway().quarantine().store().list(QuarantineFilter.all(100)).total();
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(KNOWN), "From: " + SENDER + "\r\nTo: " + KNOWN + "\r\n"
                    + SENSITIVE), 250);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> to(external, KNOWN).size() == before + 1);
        assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(100)).total()).isEqualTo(items);
    }

    @Test
    @Order(4)
    void theHistoryHoldsNoAddressInClear() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = gw.gateway().database().connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM correspondent")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
            }
        }
        assertThat(values).isNotEmpty();
        assertThat(String.join(" ", values).toLowerCase()).doesNotContain("partner", "someone", "worker", "council",
                "example", "@");
    }

    @Test
    @Order(5)
    void noAnswerInTimeWithdrawsTheCopyAndTellsTheSender() throws Exception {
        Waiting w = sendSensitive("someone@partner.examp1e");
        assertThat(w.body().replaceAll("\\s+", " ")).contains("(one letter different)");
        clock.advance(Duration.ofHours(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> item(w.id()).status() == Status.WITHDRAWN);
        assertThat(item(w.id()).decidedBy()).isEqualTo("system");
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("Withdrawn, not confirmed") == 1);
        assertThat(to(external, "someone@partner.examp1e")).isEmpty();
    }

    private record Waiting(long id, String subject, String body, String replyTo) {
    }

    private Waiting sendSensitive(String to) throws Exception {
        int before = notices("Please confirm");
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(to), "From: " + SENDER + "\r\nTo: " + to + "\r\n"
                    + SENSITIVE), 250);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("Please confirm") == before + 1);
        MimeMessage m = mime(withSubject("Please confirm").get(before));
        String body = (String) m.getContent();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Reference: held item (\\d+)").matcher(body);
        assertThat(id.find()).as(body).isTrue();
        return new Waiting(Long.parseLong(id.group(1)), m.getSubject(), body,
                ((InternetAddress) m.getReplyTo()[0]).getAddress());
    }

    private void reply(Waiting w, String words) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(SENDER, List.of(w.replyTo()), "From: " + SENDER + "\r\nTo: "
                    + w.replyTo() + "\r\nSubject: Re: " + w.subject() + "\r\n\r\n" + words), 250);
        }
    }

    private QuarantineItem item(long id) throws Exception {
        return gw.gateway().quarantine().store().find(id).orElseThrow();
    }

    private List<TestSink.Received> withSubject(String prefix) {
        return to(internal, SENDER).stream().filter(r -> {
            try {
                return mime(r).getSubject().startsWith(prefix);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private int notices(String text) {
        return (int) to(internal, SENDER).stream().filter(r -> r.text().contains(text)).count();
    }

    private static List<TestSink.Received> to(TestSink sink, String rcpt) {
        return sink.received().stream().filter(r -> r.recipients().contains(rcpt)).toList();
    }

    private static MimeMessage mime(TestSink.Received r) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data()));
    }
}
