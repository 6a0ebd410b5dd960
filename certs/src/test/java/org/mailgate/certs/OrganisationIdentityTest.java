package org.mailgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganisationIdentityTest {

    @TempDir
    Path dir;

    @Test
    void demoGeneratesOnceAndReloads() throws Exception {
        Path demo = dir.resolve("smime");
        OrganisationIdentity first = OrganisationIdentity.demo(demo, "Example Org", "gateway@example.com", Clock.systemUTC());
        OrganisationIdentity second = OrganisationIdentity.demo(demo, "Example Org", "gateway@example.com", Clock.systemUTC());

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(first.certificate().getIssuerX500Principal()).isEqualTo(first.caCertificate().getSubjectX500Principal());
        first.certificate().verify(first.caCertificate().getPublicKey());
        assertThat(Certificates.addresses(first.certificate())).containsExactly("gateway@example.com");
        assertThat(first.certificate().getExtendedKeyUsage()).contains(CertificateValidator.EMAIL_PROTECTION);
        assertThat(Files.readString(demo.resolve("demo-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.getPosixFilePermissions(demo.resolve("gateway-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.toString()).doesNotContain("PRIVATE").contains("Example Org");
        assertThat(Files.list(demo)).noneMatch(p -> p.getFileName().toString().contains("ca-key"));
    }

    @Test
    void loadsPkcs12AndNamesTheFileOnAWrongPassword() throws Exception {
        OrganisationIdentity demo = OrganisationIdentity.demo(dir.resolve("d"), "Org", "gw@example.com", Clock.systemUTC());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("org", demo.privateKey(), "pw".toCharArray(),
                new X509Certificate[] {demo.certificate(), demo.caCertificate()});
        Path p12 = dir.resolve("org.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "pw".toCharArray());
        }

        OrganisationIdentity loaded = OrganisationIdentity.load(p12, "pw".toCharArray());

        assertThat(loaded.certificate()).isEqualTo(demo.certificate());
        assertThat(loaded.caCertificate()).isEqualTo(demo.caCertificate());
        assertThat(loaded.privateKey()).isEqualTo(demo.privateKey());
        assertThatThrownBy(() -> OrganisationIdentity.load(p12, "wrong".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("org.p12");
    }
}
