package org.mailgate.gateway.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.store.MasterKey;
import org.mailgate.gateway.testing.TestGateway;

/**
 * Puts items straight into a running gateway's quarantine, sealed with its master key, for
 * tests that need a particular message (hostile HTML, broken MIME, many items) faster than
 * the classifier would hold one.
 */
final class HeldMail {

    static final String NINO_FINDINGS = "{\"sensitive\":true,\"level\":\"HIGH\",\"findings\":[{\"type\":\"UK_NINO\","
            + "\"count\":2,\"confidence\":\"HIGH\",\"locations\":[\"body\"],\"samples\":[\"QQ •• •• •• C\"]}],"
            + "\"unscannable\":[]}";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestGateway gw;
    private final byte[] key;

    HeldMail(TestGateway gw, Path storageDir) throws Exception {
        this.gw = gw;
        this.key = MasterKey.load(Optional.empty(), storageDir).derive("at-rest");
    }

    long hold(String sender, List<String> recipients, String subject, String message) throws Exception {
        return hold(sender, recipients, subject, message, List.of("UK_NINO"), NINO_FINDINGS, Instant.now());
    }

    long hold(String sender, List<String> recipients, String subject, String message, List<String> types,
            String classification, Instant held) throws Exception {
        String queueId = "T" + System.nanoTime() + "x" + COUNTER.incrementAndGet();
        byte[] content = message.getBytes(StandardCharsets.UTF_8);
        return gw.gateway().quarantine().store().insert(new QuarantineStore.NewItem(queueId, sender,
                recipients.stream().map(r -> new QuarantineItem.Hold(r,
                        HoldReason.of(HoldReason.Rule.REVIEW_WITHOUT_CERTIFICATE, ""))).toList(), subject, level(classification), types, classification, held, held,
                "test-node"), new java.io.ByteArrayInputStream(content), key, (c, item) -> { });
    }

    private static String level(String classification) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"level\":\"([A-Z]+)\"").matcher(classification);
        return m.find() ? m.group(1) : "HIGH";
    }

    /** A plain message with two NINOs, as a sender would write it. */
    static String plain(String from, String to, String subject, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }
}
