package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.Peers;

/** dkim keygen and dns-records, with openssl reading the key and the published public key. */
class DkimCliTest extends CliTestBase {

    @TempDir
    Path dir;

    @Test
    void keygenWritesAKeyThatOpensslReadsAndDnsRecordsPublishesItsPublicHalf() throws Exception {
        Path config = dir.resolve("gw.yaml");
        Files.writeString(config, "domains:\n  internal: [council.example]\nroutes:\n  internal: 127.0.0.1:25\n"
                + "storage:\n  dir: " + dir.resolve("data") + "\n");
        assertThat(run("dkim", "keygen", "--config", config.toString(), "--domain", "council.example", "--selector",
                "mg1")).as(err.toString()).isZero();
        Path key = dir.resolve("data/dkim/mg1.council.example.pem");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String printed = out.toString();
        assertThat(printed).contains("mg1._domainkey.council.example. IN TXT ( \"v=DKIM1; k=rsa; p=MII",
                "- {domain: council.example, selector: mg1, key: " + key + "}");
        // Never overwrites a key.
        assertThat(run("dkim", "keygen", "--config", config.toString(), "--domain", "council.example", "--selector",
                "mg1")).isEqualTo(2);
        assertThat(err.toString()).contains("exists already");

        Files.writeString(config, Files.readString(config) + "dkim:\n  keys:\n    - {domain: council.example, "
                + "selector: mg1, key: " + key + "}\n");
        out.reset();
        assertThat(run("dns-records", "--config", config.toString())).isZero();
        String record = out.toString();
        String p = record.replaceAll("(?s).*p=", "").replaceAll("\"\\s*\"", "").replaceAll("(?s)\".*", "");
        Peers.require("openssl", false);
        Peers.Result pub = Peers.run(java.util.List.of("openssl", "pkey", "-in", key.toString(), "-pubout", "-outform",
                "DER"));
        assertThat(pub.exit()).isZero();
        Peers.Result b64 = Peers.run(java.util.List.of("sh", "-c", "openssl pkey -in " + key + " -pubout -outform DER"
                + " | base64 -w0"));
        assertThat(p).isEqualTo(b64.output().strip());

        // Ed25519 (RFC 8463): openssl reads the key, and the record carries the bare 32-byte public key.
        out.reset();
        assertThat(run("dkim", "keygen", "--config", config.toString(), "--domain", "council.example", "--selector",
                "ed1", "--algorithm", "ed25519")).as(err.toString()).isZero();
        Path ed = dir.resolve("data/dkim/ed1.council.example.pem");
        assertThat(out.toString()).contains("ed1._domainkey.council.example. IN TXT ( \"v=DKIM1; k=ed25519; p=");
        assertThat(Peers.run(java.util.List.of("openssl", "pkey", "-in", ed.toString(), "-noout", "-text")).output())
                .contains("ED25519");
        String edP = out.toString().replaceAll("(?s).*k=ed25519; p=", "").replaceAll("(?s)\".*", "");
        Peers.Result raw = Peers.run(java.util.List.of("sh", "-c", "openssl pkey -in " + ed + " -pubout -outform DER"
                + " | tail -c 32 | base64 -w0"));
        assertThat(edP).isEqualTo(raw.output().strip());
        assertThat(run("dkim", "keygen", "--config", config.toString(), "--domain", "council.example", "--selector",
                "x1", "--algorithm", "dsa")).isEqualTo(2);
    }
}
