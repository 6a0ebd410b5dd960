package org.mailgate.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Messages, leave entries and waiting helpers shared by the out-of-office tests. */
public final class LeaveFixtures {

    public static final String JANE = "jane.smith@council.example";
    public static final String SAM = "sam.jones@council.example";
    public static final String CONTACT = "Sam Jones, 01632 960123, sam.jones@council.example";

    private LeaveFixtures() {
    }

    /** One entry of the leave file. */
    public static String entry(String address, LocalDate from, LocalDate until, LocalDate returning, String contact,
            String more) {
        return "- address: " + address + "\n"
                + "  from: " + from + "\n"
                + "  until: " + until + "\n"
                + (returning == null ? "" : "  returning: " + returning + "\n")
                + (contact == null ? "" : "  alternative_contact: \"" + contact + "\"\n")
                + more;
    }

    public static Path writeLeaveFile(Path dir, String... entries) throws Exception {
        Path file = dir.resolve("leave.yaml");
        Files.writeString(file, String.join("", entries));
        return file;
    }

    /** A plain message; {@code extra} are whole header lines. */
    public static String message(String from, String to, String cc, String subject, String messageId, String... extra) {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n");
        if (to != null) {
            m.append("To: ").append(to).append("\r\n");
        }
        if (cc != null) {
            m.append("Cc: ").append(cc).append("\r\n");
        }
        m.append("Subject: ").append(subject).append("\r\n");
        m.append("Message-ID: ").append(messageId).append("\r\n");
        m.append("Date: Mon, 1 Dec 2026 09:00:00 +0000\r\n");
        for (String h : extra) {
            m.append(h).append("\r\n");
        }
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello, about the budget.\r\n");
        return m.toString();
    }

    public static void send(TestGateway gw, String envelopeFrom, List<String> rcpts, String message) throws Exception {
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.sendMail(envelopeFrom, rcpts, message), 250);
        }
    }

    /** Auto-replies (null sender, Auto-Submitted: auto-replied) a sink has received. */
    public static List<TestSink.Received> replies(TestSink sink) {
        return sink.received().stream()
                .filter(r -> r.sender().isEmpty() && r.text().contains("Auto-Submitted: auto-replied")).toList();
    }

    public static List<TestSink.Received> repliesTo(TestSink sink, String rcpt) {
        return replies(sink).stream().filter(r -> r.recipients().contains(rcpt)).toList();
    }

    public static TestSink.Received awaitReplyTo(TestSink sink, String rcpt) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !repliesTo(sink, rcpt).isEmpty());
        return repliesTo(sink, rcpt).get(0);
    }

    /** Waits until the sink has {@code count} messages whose text contains {@code marker}. */
    public static void awaitDelivered(TestSink sink, String marker, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sink.received().stream().filter(r -> r.text().contains(marker)).count() >= count);
    }

    /**
     * Proves that earlier messages got no reply: replies are decided one at a time in arrival
     * order, so once a reply to a fresh sender has arrived and the spool is empty, anything
     * that was going to be sent for an earlier message has been delivered.
     */
    public static void awaitQuiet(TestGateway gw, Path storageDir, TestSink external, String freshSender) throws Exception {
        String id = "<barrier." + freshSender.hashCode() + "@partner.example>";
        send(gw, freshSender, List.of(JANE), message(freshSender, JANE, null, "Barrier", id));
        awaitReplyTo(external, freshSender);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestFiles.spoolStates(storageDir).isEmpty());
    }

    /** The header section of a received message, unfolded, for asserting on single fields. */
    public static String headers(TestSink.Received r) {
        String t = r.text();
        int end = t.indexOf("\r\n\r\n");
        return (end < 0 ? t : t.substring(0, end)).replaceAll("\r\n[ \t]+", " ");
    }
}
