package org.mailgate.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.testing.Peers;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;
import org.mailgate.gateway.testing.Tls;

/**
 * Our own MTA-STS policy: the file as RFC 8461 writes it, served over HTTPS for
 * mta-sts.DOMAIN only (fetched with curl, as a sending MTA would), and the DNS records.
 */
class OwnMtaStsPolicyTest {

    private static final String MTA_STS = "mta_sts:\n  mode: enforce\n  mx: [mail.council.example, "
            + "\"*.mx.council.example\"]\n  max_age: 604800\ntls_rpt:\n  rua: [\"mailto:tls-reports@council.example\"]\n";

    @TempDir
    Path dir;

    private static GatewayConfig config(String yaml) {
        return new ConfigLoader().parse("domains:\n  internal: [council.example, \"*.council.example\"]\nroutes:\n"
                + "  internal: 127.0.0.1:1\n" + yaml, "test.yaml");
    }

    @Test
    void thePolicyFileItsIdAndTheRecordsToPublish() {
        OwnPolicy p = new OwnPolicy(config(MTA_STS));
        assertThat(p.text()).isEqualTo("version: STSv1\r\nmode: enforce\r\nmx: mail.council.example\r\n"
                + "mx: *.mx.council.example\r\nmax_age: 604800\r\n");
        assertThat(p.id()).matches("[0-9a-f]{20}");
        assertThat(new OwnPolicy(config(MTA_STS.replace("enforce", "testing"))).id()).isNotEqualTo(p.id());
        assertThat(p.records()).containsExactly(
                "_mta-sts.council.example. IN TXT \"v=STSv1; id=" + p.id() + "\"",
                "; and mta-sts.council.example. must reach this gateway's web server over HTTPS (web.tls),",
                ";     with a certificate for that name: it serves /.well-known/mta-sts.txt",
                "_smtp._tls.council.example. IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@council.example\"");
        assertThat(p.forHost("mta-sts.council.example:8443")).contains(p.text());
        assertThat(p.forHost("www.council.example")).isEmpty();
        assertThat(new OwnPolicy(config("")).forHost("mta-sts.council.example")).isEmpty();
        assertThatThrownBy(() -> config("mta_sts:\n  mode: enforce\ntls_rpt:\n  rua: [\"ftp://x\"]\n"))
                .hasMessageContaining("mta_sts.mx: required with mode enforce")
                .hasMessageContaining("not a mailto: or https: address");
    }

    @Test
    void servedOverHttpsForTheMtaStsHostOnly() throws Exception {
        Peers.require("curl", false);
        Path certs = dir.resolve("web-tls");
        Tls.selfSigned(certs, "mta-sts.council.example");
        try (TestSink sink = new TestSink(); TestGateway gw = TestGateway.start(TestGateway.yaml(dir.resolve("gw"),
                sink.port(), sink.port(), "web:\n  listen: 127.0.0.1:0\n  tls:\n    certificate: "
                        + certs.resolve("smtp-cert.pem") + "\n    key: " + certs.resolve("smtp-key.pem") + "\n",
                MTA_STS))) {
            String port = String.valueOf(gw.webPort());
            Peers.Result ok = Peers.run(List.of("curl", "-s", "-i", "--cacert", certs.resolve("smtp-cert.pem").toString(),
                    "--resolve", "mta-sts.council.example:" + port + ":127.0.0.1",
                    "https://mta-sts.council.example:" + port + "/.well-known/mta-sts.txt"));
            assertThat(ok.output()).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/plain")
                    .endsWith("\r\n\r\nversion: STSv1\r\nmode: enforce\r\nmx: mail.council.example\r\n"
                            + "mx: *.mx.council.example\r\nmax_age: 604800\r\n");
            Peers.Result other = Peers.run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-k",
                    "--resolve", "www.council.example:" + port + ":127.0.0.1",
                    "https://www.council.example:" + port + "/.well-known/mta-sts.txt"));
            assertThat(other.output()).isEqualTo("404");
        }
    }
}
