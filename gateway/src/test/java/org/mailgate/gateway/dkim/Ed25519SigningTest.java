package org.mailgate.gateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.OutgoingSignature;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.testing.DkimVerifier;

/**
 * ed25519-sha256 (RFC 8463) beside rsa-sha256: a domain with both keys gets both signatures,
 * and a second implementation (python3-dkim with PyNaCl) verifies each of them.
 */
class Ed25519SigningTest {

    @TempDir
    Path dir;

    @Test
    void aDomainWithAnRsaAndAnEd25519KeyGetsTwoSignaturesThatVerify() throws Exception {
        KeyPair rsa = DkimKeys.generate(dir.resolve("rsa.pem"), 2048);
        KeyPair ed = DkimKeys.generateEd25519(dir.resolve("ed.pem"));
        assertThat(DkimKeys.read(dir.resolve("ed.pem")).getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(DkimKeys.publicOf(DkimKeys.read(dir.resolve("ed.pem"))).getEncoded())
                .isEqualTo(ed.getPublic().getEncoded());
        assertThat(DkimKeys.record("council.example", "ed1", ed.getPublic()))
                .matches("ed1\\._domainkey\\.council\\.example\\. IN TXT \\( \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\" \\)");
        OutgoingSignature signing = DkimSigning.from(new GatewayConfig.Dkim(List.of(
                new GatewayConfig.DkimKey("council.example", "rsa1", dir.resolve("rsa.pem")),
                new GatewayConfig.DkimKey("council.example", "ed1", dir.resolve("ed.pem"))), false));
        byte[] message = ("From: Notices <notices@council.example>\r\nTo: someone@partner.example\r\n"
                + "Subject: Sent securely\r\nDate: Mon, 7 Dec 2026 09:00:00 +0000\r\nMessage-ID: <1@council.example>\r\n"
                + "\r\nYour message was sent through the secure portal.\r\n").getBytes(StandardCharsets.US_ASCII);
        Envelope own = new Envelope("Q1", "", List.of("someone@partner.example"), Instant.now(), "127.0.0.1", "gw",
                null, false, false, Envelope.Origin.GATEWAY);
        byte[] header = signing.headerFor(own, false, () -> new ByteArrayInputStream(message)).orElseThrow();
        String fields = new String(header, StandardCharsets.US_ASCII);
        assertThat(fields).contains("a=rsa-sha256;", "s=rsa1;", "a=ed25519-sha256;", "s=ed1;");

        DkimVerifier verifier = new DkimVerifier(dir, "council.example", Map.of("rsa1", rsa, "ed1", ed));
        byte[] sent = new byte[header.length + message.length];
        System.arraycopy(header, 0, sent, 0, header.length);
        System.arraycopy(message, 0, sent, header.length, message.length);
        assertThat(verifier.verify(sent)).isEqualTo("pass");
        // The check can fail: one changed byte of the body breaks both.
        assertThat(verifier.verify(new String(sent, StandardCharsets.US_ASCII).replace("secure portal", "secure p0rtal")
                .getBytes(StandardCharsets.US_ASCII))).isEqualTo("fail fail");
    }
}
