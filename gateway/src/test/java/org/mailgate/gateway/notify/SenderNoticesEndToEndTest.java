package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.quarantine.QuarantineFilter;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.NoteKind;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/**
 * The held notice and what a sender can do with it, through a real gateway: the notice reaches
 * the sender over the internal route, replies to it come back over SMTP and end up as notes on
 * the item (or withdraw it), and the sender hears again when the item is decided.
 */
class SenderNoticesEndToEndTest {

    private static final String SENDER = "worker@council.example";
    private static final String REVIEWERS = "ia-team@council.example";
    private static final String NOTIFY = "mailgate-quarantine@council.example";
    private static final String SENSITIVE = "From: Worker <worker@council.example>\r\nTo: parent@home.example\r\n"
            + "Subject: Benefit claim\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Dear Mr Jones,\r\n\r\nYour National Insurance number is AB 12 34 56 C and your partner's\r\n"
            + "National Insurance number is JG 10 37 21 A.\r\n";
    private static final Pattern ITEM = Pattern.compile("Reference: held item (\\d+)");

    @TempDir
    Path dir;
    TestSink internal;
    TestSink external;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        internal = new TestSink();
        external = new TestSink();
        gw = TestGateway.startProtected(TestGateway.yaml(dir, internal.port(), external.port(),
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n",
                "quarantine:\n  notify_address: " + NOTIFY + "\n  reviewer_address: " + REVIEWERS
                        + "\n  retention_days: 14\n", "policy:\n  sensitive_without_certificate: hold\n"), b -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        internal.close();
        external.close();
    }

    @Test
    void tellsTheSenderWhyTheirMessageWasHeldWithoutRepeatingWhatWasFound() throws Exception {
        Held held = holdOne();
        assertThat(external.received()).isEmpty();

        TestSink.Received raw = held.notice();
        assertThat(raw.sender()).as("notices come from the null sender").isEmpty();
        assertThat(raw.recipients()).containsExactly(SENDER);
        MimeMessage notice = mime(raw);
        assertThat(((InternetAddress) notice.getFrom()[0]).getAddress()).isEqualTo(NOTIFY);
        assertThat(((InternetAddress) notice.getFrom()[0]).getPersonal()).isEqualTo("Mail gateway");
        assertThat(held.replyTo()).matches("mailgate-quarantine\\+[a-z2-7]{20,}@council\\.example");
        assertThat(notice.getSubject()).isEqualTo("Held for review: Benefit claim");
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(notice.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(notice.getSentDate()).isNotNull();
        assertThat(notice.getMessageID()).isNotBlank();
        assertThat(notice.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");

        String body = held.body();
        assertThat(body).contains("parent@home.example", "National Insurance numbers (2)", "Information Assurance",
                "14 days", "\"withdraw\"", "\"false positive\"",
                "https://mailgate.council.example/withdraw?t=" + held.token());
        assertThat(body.replaceAll("\\s", "")).doesNotContain("123456", "103721", "AB12", "JG10", "56C", "21A");
        assertThat(raw.text()).doesNotContain("12 34 56", "10 37 21", "Mr Jones");

        // The notice went out as it was written: not classified, not held itself.
        assertThat(gw.gateway().quarantine().store().list(QuarantineFilter.all(10)).total()).isEqualTo(1);
    }

    @Test
    void aJustificationBecomesANoteAndTheReviewersAreTold() throws Exception {
        Held held = holdOne();
        reply(held, SENDER, "", "The parent asked for this by phone today.\r\nCase 4471.\r\n\r\n"
                + "On Mon, 3 Mar 2025 at 10:15, Mail gateway <" + NOTIFY + "> wrote:\r\n"
                + "> Your message \"Benefit claim\" has been held for review.\r\n> National Insurance numbers (2)\r\n");
        List<QuarantineItem.Note> notes = awaitNotes(held.id(), 1);
        assertThat(notes.get(0).kind()).isEqualTo(NoteKind.JUSTIFICATION);
        assertThat(notes.get(0).author()).isEqualTo(SENDER);
        assertThat(notes.get(0).text()).isEqualTo("The parent asked for this by phone today.\nCase 4471.");

        TestSink.Received toReviewers = awaitMail(internal, REVIEWERS, "Sender replied to held item " + held.id());
        String body = (String) mime(toReviewers).getContent();
        assertThat(body).contains("gave a justification", "The parent asked for this by phone today.",
                "https://mailgate.council.example/quarantine/" + held.id());
        assertThat(toReviewers.sender()).isEmpty();
        assertThat(mime(toReviewers).getReplyTo()[0].toString()).isEqualTo(SENDER);
        // The sender hears that their reply arrived, in the same thread.
        TestSink.Received ack = awaitMail(internal, SENDER, "Reply received: Benefit claim");
        assertThat(((String) mime(ack).getContent()).replaceAll("\\s+", " ")).contains("has reached the Information "
                + "Assurance team", "You explained why it needs to go", "Reference: held item " + held.id());
        assertThat(mime(ack).getHeader("In-Reply-To", null)).isEqualTo(mime(held.notice()).getMessageID());
        assertThat(((InternetAddress) mime(ack).getReplyTo()[0]).getAddress()).isEqualTo(held.replyTo());

        reply(held, SENDER, "", "False positive: those are claim reference numbers, not NI numbers.\r\n");
        notes = awaitNotes(held.id(), 2);
        assertThat(notes.get(1).kind()).isEqualTo(NoteKind.FALSE_POSITIVE);
        assertThat(notes.get(1).text()).startsWith("False positive: those are claim reference numbers");
        awaitMail(internal, REVIEWERS, "Sender replied", 2);
        assertThat((String) mime(awaitMail(internal, SENDER, "Reply received", 2)).getContent())
                .contains("a false positive");

        awaitQueueEmpty();
        assertThat(item(held.id()).status()).isEqualTo(Status.HELD);
        assertThat(external.received()).isEmpty();
        assertThat(internal.received()).noneMatch(r -> r.recipients().stream().anyMatch(a -> a.contains("quarantine")));
    }

    @Test
    void repliesFromSomeoneElseWithABadTokenOrAutomaticAreDroppedUnseen() throws Exception {
        Held held = holdOne();
        awaitQueueEmpty();
        int before = internal.received().size();

        char last = held.token().charAt(held.token().length() - 1);
        String tampered = held.replyTo().replace(held.token(),
                held.token().substring(0, held.token().length() - 1) + (last == 'a' ? 'b' : 'a'));
        send(SENDER, tampered, replyText(held, SENDER, "", "Please let it go, it is fine."));
        send("someone.else@council.example", held.replyTo(),
                replyText(held, "someone.else@council.example", "", "Let it go, I am the sender's manager."));
        send(SENDER, held.replyTo(), replyText(held, SENDER, "Auto-Submitted: auto-replied\r\n",
                "I am out of the office until Monday."));
        send("", held.replyTo(), replyText(held, SENDER, "", "Delivery has failed to these recipients."));
        send(SENDER, NOTIFY, replyText(held, SENDER, "", "Withdraw"));
        // A forged From is never enough: the envelope sender must be the item's sender.
        send("evil@evil.example", held.replyTo(), replyText(held, SENDER, "", "False positive, please release."));
        send("evil@evil.example", held.replyTo(), replyText(held, SENDER + ", evil@evil.example", "", "Withdraw"));
        awaitQueueEmpty();

        assertThat(gw.gateway().quarantine().store().notes(held.id())).isEmpty();
        assertThat(item(held.id()).status()).isEqualTo(Status.HELD);
        assertThat(internal.received()).hasSize(before);
        assertThat(external.received()).isEmpty();
    }

    /**
     * The right envelope sender and token, but sent from outside the allowed networks (127.0.0.2
     * here; only 127.0.0.1 is allowed) without signing in: anyone can write that envelope.
     */
    @Test
    void aReplyFromOutsideTheAllowedNetworksIsIgnoredEvenWithTheRightSender() throws Exception {
        gw.close();
        gw = TestGateway.startProtected(TestGateway.yaml(dir.resolve("outside"), internal.port(), external.port(),
                "smtp:\n  listen: 127.0.0.1:0\n  hostname: gw.test\n  allowed_networks: [127.0.0.1/32]\n",
                "delivery:\n  retry_intervals: [1s]\n  processing_timeout: 60s\n",
                "web:\n  listen: 127.0.0.1:0\n  public_url: https://mailgate.council.example\n",
                "quarantine:\n  notify_address: " + NOTIFY + "\n  reviewer_address: " + REVIEWERS
                        + "\n  retention_days: 14\n", "policy:\n  sensitive_without_certificate: hold\n"), b -> { });
        Held held = holdOne();
        awaitQueueEmpty();
        for (String words : List.of("False positive: it is the parent's own number.", "Withdraw")) {
            try (SmtpConversation c = new SmtpConversation(gw.smtpPort(), "127.0.0.2")) {
                SmtpConversation.expect(c.greeting(), 220);
                SmtpConversation.expect(c.command("EHLO outside.test"), 250);
                SmtpConversation.expect(c.sendMail(SENDER, List.of(held.replyTo()), replyText(held, SENDER, "", words)),
                        250);
            }
        }
        awaitQueueEmpty();
        assertThat(gw.gateway().quarantine().store().notes(held.id())).isEmpty();
        assertThat(item(held.id()).status()).isEqualTo(Status.HELD);

        reply(held, SENDER, "", "False positive: it is the parent's own number.");
        await().atMost(Duration.ofSeconds(30)).until(() -> !gw.gateway().quarantine().store().notes(held.id()).isEmpty());
        assertThat(gw.gateway().quarantine().store().notes(held.id())).singleElement()
                .satisfies(n -> assertThat(n.author()).isEqualTo(SENDER));
    }

    @Test
    void replyingWithdrawTakesTheMessageBackAndSaysSo() throws Exception {
        Held held = holdOne();
        reply(held, SENDER, "", "Withdraw.\r\n\r\nOn Mon, 3 Mar 2025, Mail gateway wrote:\r\n> Held\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> item(held.id()).status() == Status.WITHDRAWN);
        assertThat(item(held.id()).decidedBy()).isEqualTo(SENDER);
        TestSink.Received notice = awaitMail(internal, SENDER, "Withdrawn: Benefit claim");
        assertThat((String) mime(notice).getContent()).contains("You withdrew your message", "parent@home.example");
        assertThat(mime(notice).getHeader("In-Reply-To", null)).isEqualTo(mime(held.notice()).getMessageID());
        awaitQueueEmpty();
        assertThat(external.received()).isEmpty();
    }

    @Test
    void theLinkInTheNoticeWithdrawsTheMessageOnce() throws Exception {
        Held held = holdOne();
        Withdrawals w = gw.gateway().withdrawals();
        assertThat(w.withdrawByToken(held.token().substring(1), "203.0.113.9").done()).isFalse();
        assertThat(w.itemFor(held.token().toUpperCase())).get().extracting(QuarantineItem::id).isEqualTo(held.id());
        assertThat(w.withdrawByToken(held.token(), "203.0.113.9").done()).isTrue();
        assertThat(w.withdrawByToken(held.token(), "203.0.113.9").done()).isFalse();
        assertThat(item(held.id()).status()).isEqualTo(Status.WITHDRAWN);
        awaitMail(internal, SENDER, "Withdrawn: Benefit claim");
        assertThat(gw.gateway().audit().list(Optional.empty(), Optional.of("WITHDRAW"), Optional.of(held.id()),
                Optional.empty(), 10)).singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(SENDER);
                    assertThat(e.client()).isEqualTo("203.0.113.9");
                });
    }

    @Test
    void theSenderHearsTheReviewersReasonWhenReleasedOrRejected() throws Exception {
        Held first = holdOne();
        assertThat(gw.gateway().quarantine().release(first.id(), ReleaseMode.CLEAR, "reviewer1",
                "Parent confirmed by phone; the figures are theirs.", "127.0.0.1").done()).isTrue();
        TestSink.Received released = awaitMail(internal, SENDER, "Released: Benefit claim");
        assertThat((String) mime(released).getContent()).contains("released", "parent@home.example",
                "without encryption", "Parent confirmed by phone; the figures are theirs.");
        assertThat(mime(released).getReplyTo()[0].toString()).isEqualTo(REVIEWERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> external.received().size() == 1);

        Held second = holdOne();
        assertThat(gw.gateway().quarantine().reject(second.id(), "reviewer1",
                "Send it through the secure portal instead.", "127.0.0.1").done()).isTrue();
        TestSink.Received rejected = awaitMail(internal, SENDER, "Not sent: Benefit claim");
        assertThat((String) mime(rejected).getContent()).contains("will not be sent", "parent@home.example",
                "Send it through the secure portal instead.");
        awaitQueueEmpty();
        assertThat(external.received()).hasSize(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A held item and the notice its sender got. */
    private record Held(long id, TestSink.Received notice, String replyTo, String token, String body) {
    }

    private Held holdOne() throws Exception {
        int notices = count(internal, SENDER, "Held for review");
        send(SENDER, "parent@home.example", SENSITIVE);
        TestSink.Received notice = awaitMail(internal, SENDER, "Held for review", notices + 1);
        MimeMessage m = mime(notice);
        String body = (String) m.getContent();
        Matcher id = ITEM.matcher(body);
        assertThat(id.find()).as(body).isTrue();
        String replyTo = ((InternetAddress) m.getReplyTo()[0]).getAddress();
        String token = replyTo.substring(replyTo.indexOf('+') + 1, replyTo.indexOf('@'));
        return new Held(Long.parseLong(id.group(1)), notice, replyTo, token, body);
    }

    /** Sends a reply to the held notice from {@code from}, as a mail program would write it. */
    private void reply(Held held, String from, String extraHeaders, String words) throws Exception {
        send(from, held.replyTo(), replyText(held, from, extraHeaders, words));
    }

    private static String replyText(Held held, String from, String extraHeaders, String words) throws Exception {
        return "From: " + from + "\r\nTo: " + held.replyTo() + "\r\nSubject: Re: Held for review: Benefit claim\r\n"
                + "In-Reply-To: " + mime(held.notice()).getMessageID() + "\r\n" + extraHeaders
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + words + "\r\n";
    }

    private void send(String from, String to, String message) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(from, List.of(to), message), 250);
        }
    }

    private TestSink.Received awaitMail(TestSink sink, String to, String subjectPrefix) {
        return awaitMail(sink, to, subjectPrefix, 1);
    }

    /** Waits for the {@code n}th message to {@code to} whose subject starts so, and returns it. */
    private TestSink.Received awaitMail(TestSink sink, String to, String subjectPrefix, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count(sink, to, subjectPrefix) >= n);
        return matching(sink, to, subjectPrefix).get(n - 1);
    }

    private static int count(TestSink sink, String to, String subjectPrefix) {
        return matching(sink, to, subjectPrefix).size();
    }

    private static List<TestSink.Received> matching(TestSink sink, String to, String subjectPrefix) {
        return sink.received().stream().filter(r -> r.recipients().contains(to)).filter(r -> {
            try {
                String s = mime(r).getSubject();
                return s != null && s.startsWith(subjectPrefix);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private List<QuarantineItem.Note> awaitNotes(long id, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.gateway().quarantine().store().notes(id).size() >= n);
        try {
            return gw.gateway().quarantine().store().notes(id);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitQueueEmpty() {
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.gateway().queue().depth() == 0);
    }

    private QuarantineItem item(long id) throws Exception {
        return gw.gateway().quarantine().store().find(id).orElseThrow();
    }

    private static MimeMessage mime(TestSink.Received r) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data()));
    }
}
