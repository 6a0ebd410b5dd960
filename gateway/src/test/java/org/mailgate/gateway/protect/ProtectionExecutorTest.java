package org.mailgate.gateway.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.EncryptOptions;
import org.mailgate.certs.OrganisationIdentity;
import org.mailgate.certs.TrustSettings;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.ProtectionPolicy;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.testing.TestCerts;

/** When S/MIME fails for any reason the recipient is held with the reason, never sent in clear. */
class ProtectionExecutorTest {

    @TempDir
    Path dir;

    @Test
    void holdsTheRecipientWhenEncryptionFails() throws Exception {
        Instant now = Instant.now();
        // The store, looking at yesterday, thinks the certificate is fine; by now it has expired,
        // and the S/MIME facade refuses it: that refusal must end in a hold.
        TestCerts.Recipient lapsed = TestCerts.recipient(dir.resolve("keys"), "gp@surgery.example",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)));
        CertificateStore store = new CertificateStore(dir.resolve("certs"), TrustSettings.permissive(),
                Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        store.importFile(lapsed.certificate());
        assertThat(store.bestFor("gp@surgery.example")).isPresent();

        GatewayConfig config = new ConfigLoader().parse("domains:\n  internal: [council.example]\nroutes:\n"
                + "  internal: 127.0.0.1:25\nstorage:\n  dir: " + dir + "\n", "t.yaml");
        Spool spool = new Spool(dir);
        Envelope e = new Envelope("0HOLPBD7ZODPU0KE", "a@council.example", List.of("gp@surgery.example", "b@council.example"),
                now, "127.0.0.1", "x", null, false, false, Envelope.Origin.SMTP);
        spool.submit(e, "Subject: x\r\n\r\nNHS number: 943 476 5919\r\n".getBytes(StandardCharsets.US_ASCII));
        ProtectionExecutor executor = new ProtectionExecutor(spool, store,
                OrganisationIdentity.demo(dir.resolve("smime"), "Test", "gw@council.example", Clock.systemUTC()),
                GatewayConfig.Signing.NONE, EncryptOptions.defaults(), new ProtectionPolicy(config),
                r -> r.endsWith("@council.example"));

        List<RecipientState> states = executor.execute(
                SpooledMessage.read(e, () -> spool.openOriginal(e.queueId())),
                List.of(new Decision.Encrypt("gp@surgery.example", "sensitive", false),
                        new Decision.Deliver("b@council.example", false, "internal recipient")));

        assertThat(states.get(0).status()).isEqualTo(RecipientState.Status.HELD);
        assertThat(states.get(0).reason()).contains("encryption failed");
        assertThat(states.get(1).status()).isEqualTo(RecipientState.Status.PENDING);
        assertThat(states.get(1).content()).isEqualTo(RecipientState.ORIGINAL);
    }
}
