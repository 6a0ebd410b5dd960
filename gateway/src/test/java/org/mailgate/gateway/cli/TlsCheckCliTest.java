package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.Knot;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/** tls check against a real DNS server (Knot) and an MX that speaks STARTTLS. */
class TlsCheckCliTest extends CliTestBase {

    private static final String ZONE = Knot.zone("partner.test");

    @TempDir
    Path dir;

    @Test
    void showsTheMxTheLevelAndWhatDeliveryWouldDo() throws Exception {
        var mx = Tls.selfSigned(dir.resolve("mx"), "mx1.partner.test");
        try (Knot dns = Knot.serve(dir.resolve("knot"), Map.of("partner.test", ZONE));
                TestSink sink = new TestSink().tls(mx.identity().serverContext())) {
            Path config = dir.resolve("gw.yaml");
            String base = "domains:\n  internal: [council.example]\nroutes:\n  internal: 127.0.0.1:25\n"
                    + "storage:\n  dir: " + dir.resolve("data") + "\ndns:\n  servers: [127.0.0.1:" + dns.port() + "]\n";
            Files.writeString(config, base + "delivery:\n  mx_port: " + sink.port() + "\n  trusted_certificates: "
                    + mx.certificate() + "\n");
            assertThat(run("tls", "check", "--config", config.toString(), "partner.test")).as(err.toString()).isZero();
            String shown = out.toString();
            assertThat(shown).contains("MX: mx1.partner.test", "MTA-STS: no policy published", "level: default:may",
                    "mx1.partner.test[127.0.0.1]:" + sink.port() + ": STARTTLS, TLSv1.3",
                    "CN=mx1.partner.test", "verified: chains to a trusted CA and names mx1.partner.test",
                    "would deliver over TLS", "result: mail to partner.test would be delivered");

            // Required verification with a certificate nobody vouches for: mail would wait.
            Files.writeString(config, base + "delivery:\n  mx_port: " + sink.port()
                    + "\n  domains:\n    partner.test: {tls: verify}\n");
            out.reset();
            assertThat(run("tls", "check", "--config", config.toString(), "partner.test")).isEqualTo(1);
            assertThat(out.toString()).contains("level: partner.test:verify", "not verified",
                    "would wait (a verified certificate is required)", "result: mail to partner.test would wait");
        }
    }
}
