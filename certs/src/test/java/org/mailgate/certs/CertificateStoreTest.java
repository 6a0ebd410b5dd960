package org.mailgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateStoreTest {

    static TestPki pki;
    static TestPki.Issued alice;
    static TestPki.Issued carolEc;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        alice = pki.rsaUser("alice@example.org");
        carolEc = pki.ecUser("carol@example.org");
    }

    private CertificateStore store() {
        return store(TrustSettings.permissive(), TestPki.NOW);
    }

    private CertificateStore store(TrustSettings trust, Instant now) {
        return new CertificateStore(dir.resolve("store"), trust, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void importsPemWithSeveralCertificatesAndFindsThemCaseInsensitively() throws Exception {
        Path pem = dir.resolve("two.pem");
        Files.write(pem, Certificates.pem(List.of(alice.cert(), carolEc.cert())));
        CertificateStore store = store();

        List<StoredCertificate> imported = store.importFile(pem);

        assertThat(imported).extracting(StoredCertificate::id).containsExactlyInAnyOrder(alice.id(), carolEc.id());
        assertThat(store.list()).hasSize(2).allMatch(StoredCertificate::usable);
        assertThat(store.find("ALICE@Example.ORG")).singleElement().satisfies(c -> {
            assertThat(c.addresses()).containsExactly("alice@example.org");
            assertThat(c.keyAlgorithm()).isEqualTo("RSA 2048");
            assertThat(c.problems()).isEmpty();
            assertThat(c.id()).hasSize(16).matches("[0-9a-f]+");
        });
        assertThat(store.find("carol@example.org")).singleElement()
                .satisfies(c -> assertThat(c.keyAlgorithm()).isEqualTo("EC P-256"));
        assertThat(store.bestFor("Carol@example.org")).contains(carolEc.cert());
    }

    @Test
    void importsDerAndIsIdempotent() throws Exception {
        Path der = dir.resolve("alice.cer");
        Files.write(der, alice.cert().getEncoded());
        CertificateStore store = store();
        store.importFile(der);
        store.importFile(der);
        assertThat(store.list()).singleElement().extracting(StoredCertificate::certificate).isEqualTo(alice.cert());
    }

    @Test
    void importsPkcs7Bundle() throws Exception {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addCertificates(new JcaCertStore(List.of(alice.cert(), pki.ca.cert())));
        Path p7b = dir.resolve("bundle.p7b");
        Files.write(p7b, gen.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded());

        List<StoredCertificate> imported = store().importFile(p7b);

        assertThat(imported).extracting(StoredCertificate::certificate)
                .containsExactlyInAnyOrder(alice.cert(), pki.ca.cert());
        // the CA certificate is stored (useful as an intermediate) but never chosen for encryption
        assertThat(imported).filteredOn(c -> c.certificate().equals(pki.ca.cert())).singleElement()
                .satisfies(c -> assertThat(c.usable()).isFalse());
    }

    @Test
    void importsTheSenderCertificateFromASignedMessage() throws Exception {
        OrganisationIdentity partner = OrganisationIdentity.demo(dir.resolve("partner"), "Partner Ltd",
                "gateway@partner.example", Clock.systemUTC());
        byte[] signed = Smime.sign(SmimeTest.simpleMessage(), partner);

        List<StoredCertificate> fromStream = store().importSignedMessage(new ByteArrayInputStream(signed));
        assertThat(fromStream).extracting(StoredCertificate::certificate).contains(partner.certificate());
        assertThat(store().bestFor("GATEWAY@partner.example")).contains(partner.certificate());

        Path eml = dir.resolve("signed.eml");
        Files.write(eml, signed);
        assertThat(store().importFile(eml)).extracting(StoredCertificate::certificate).contains(partner.certificate());

        // the detached signature alone (.p7s), as saved from a mail client
        String text = new String(signed, StandardCharsets.US_ASCII);
        String b64 = text.substring(text.indexOf("filename=\"smime.p7s\""));
        b64 = b64.substring(b64.indexOf("\r\n\r\n") + 4, b64.indexOf("--", b64.indexOf("\r\n\r\n")));
        Path p7s = dir.resolve("smime.p7s");
        Files.write(p7s, java.util.Base64.getMimeDecoder().decode(b64));
        assertThat(store().importFile(p7s)).extracting(StoredCertificate::certificate).contains(partner.certificate());
    }

    @Test
    void alteredSignedMessageIsRejected() throws Exception {
        OrganisationIdentity partner = OrganisationIdentity.demo(dir.resolve("partner"), "Partner Ltd",
                "gateway@partner.example", Clock.systemUTC());
        String signed = new String(Smime.sign(SmimeTest.simpleMessage(), partner), StandardCharsets.ISO_8859_1);
        byte[] altered = signed.replace("numbers are attached", "numbers are changed!").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> store().importSignedMessage(new ByteArrayInputStream(altered)))
                .isInstanceOf(CertificateImportException.class).hasMessageContaining("does not verify");
        assertThat(store().list()).isEmpty();
    }

    @Test
    void unsignedMessageIsRejectedWithAnExplanation() {
        assertThatThrownBy(() -> store().importSignedMessage(new ByteArrayInputStream(SmimeTest.simpleMessage())))
                .isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("no S/MIME signature");
    }

    @Test
    void findsLegacyEmailSubjectAttribute() throws Exception {
        TestPki.Issued legacy = pki.issue("CN=Legacy User,E=Legacy.User@Example.org", null, TestPki.rsa(),
                TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(90)), TestPki.ENCRYPT_RSA,
                TestPki.EMAIL, false);
        Path pem = dir.resolve("legacy.pem");
        Files.write(pem, Certificates.pem(List.of(legacy.cert())));
        CertificateStore store = store();
        store.importFile(pem);
        assertThat(store.find("legacy.user@EXAMPLE.org")).singleElement().satisfies(c -> {
            assertThat(c.addresses()).containsExactly("legacy.user@example.org");
            // People read the subject: the e-mail attribute by name, not as 1.2.840.113549.1.9.1=#16...
            assertThat(c.subject()).isEqualTo("E=Legacy.User@Example.org, CN=Legacy User");
            assertThat(c.issuer()).isEqualTo("O=Test, CN=Mailgate Test CA");
        });
    }

    @Test
    void bestForPicksTheLatestExpiryAmongUsableCertificates() throws Exception {
        String bob = "bob@example.org";
        Instant from = TestPki.NOW.minus(Duration.ofDays(1));
        var older = pki.issue("CN=Bob 1", bob, TestPki.rsa(), from, TestPki.NOW.plus(Duration.ofDays(100)), TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        var newer = pki.issue("CN=Bob 2", bob, TestPki.rsa(), from, TestPki.NOW.plus(Duration.ofDays(300)), TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        var unusable = pki.issue("CN=Bob 3", bob, TestPki.rsa(), from, TestPki.NOW.plus(Duration.ofDays(900)),
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, TestPki.EMAIL, false);
        var expired = pki.issue("CN=Bob 4", bob, TestPki.rsa(), TestPki.NOW.minus(Duration.ofDays(400)),
                TestPki.NOW.minus(Duration.ofDays(2)), TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        Path pem = dir.resolve("bob.pem");
        Files.write(pem, Certificates.pem(List.of(older.cert(), unusable.cert(), newer.cert(), expired.cert())));
        CertificateStore store = store();
        store.importFile(pem);

        assertThat(store.find(bob)).hasSize(4);
        assertThat(store.bestFor(bob)).contains(newer.cert());
        assertThat(store.bestFor("nobody@example.org")).isEmpty();
    }

    @Test
    void reportsValidationProblemsInPlainSentences() throws Exception {
        Instant from = TestPki.NOW.minus(Duration.ofDays(400));
        Instant expiry = TestPki.NOW.minus(Duration.ofDays(2));
        var expired = pki.issue("CN=Expired", "expired@example.org", TestPki.rsa(), from, expiry, TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        var noEncipherment = pki.issue("CN=NoEnc", "noenc@example.org", TestPki.rsa(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(100)), org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, TestPki.EMAIL, false);
        var ecSignOnly = pki.issue("CN=EcSign", "ecsign@example.org", TestPki.ec(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(100)), org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, TestPki.EMAIL, false);
        var serverAuth = pki.issue("CN=Server", "server@example.org", TestPki.rsa(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(100)), TestPki.ENCRYPT_RSA, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, false);
        Path pem = dir.resolve("bad.pem");
        Files.write(pem, Certificates.pem(List.of(expired.cert(), noEncipherment.cert(), ecSignOnly.cert(), serverAuth.cert())));
        CertificateStore store = store();
        store.importFile(pem);

        assertThat(store.find("expired@example.org").get(0).problems())
                .containsExactly("expired on " + expiry.atOffset(ZoneOffset.UTC).toLocalDate());
        assertThat(store.find("noenc@example.org").get(0).problems())
                .containsExactly("key usage does not allow key encipherment");
        assertThat(store.find("ecsign@example.org").get(0).problems())
                .containsExactly("key usage does not allow key agreement");
        assertThat(store.find("server@example.org").get(0).problems())
                .containsExactly("extended key usage does not allow e-mail protection");
        assertThat(store.list()).noneMatch(StoredCertificate::usable);
    }

    @Test
    void requiresATrustedChainUnlessTrustedExplicitly() throws Exception {
        var partner = pki.issue("CN=Self Signed Partner", "partner@other.example", TestPki.rsa(),
                TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(365)), TestPki.ENCRYPT_RSA,
                TestPki.EMAIL, true);
        Path pem = dir.resolve("mixed.pem");
        Files.write(pem, Certificates.pem(List.of(alice.cert(), partner.cert())));
        CertificateStore store = store(new TrustSettings(true, List.of(pki.ca.cert())), TestPki.NOW);
        store.importFile(pem);

        assertThat(store.find("alice@example.org").get(0).problems()).isEmpty();
        assertThat(store.find("partner@other.example").get(0).problems()).containsExactly("not issued by a trusted CA");
        assertThat(store.bestFor("partner@other.example")).isEmpty();

        store.trustExplicitly(partner.id(), true);
        assertThat(store.bestFor("partner@other.example")).contains(partner.cert());
        // a second store instance (another process) sees the flag too
        assertThat(store(new TrustSettings(true, List.of(pki.ca.cert())), TestPki.NOW).bestFor("partner@other.example"))
                .contains(partner.cert());

        store.trustExplicitly(partner.id(), false);
        assertThat(store.bestFor("partner@other.example")).isEmpty();
        assertThatThrownBy(() -> store.trustExplicitly("0000000000000000", true))
                .isInstanceOf(IllegalArgumentException.class);

        // without anchors nothing chains
        assertThat(store(new TrustSettings(true, List.of()), TestPki.NOW).find("alice@example.org").get(0).problems())
                .containsExactly("not issued by a trusted CA");
    }

    @Test
    void flagsCertificatesExpiringWithin30Days() throws Exception {
        Path pem = dir.resolve("alice.pem");
        Files.write(pem, Certificates.pem(List.of(alice.cert())));
        store().importFile(pem);
        Instant notAfter = alice.cert().getNotAfter().toInstant();

        assertThat(store(TrustSettings.permissive(), TestPki.NOW).list().get(0).expiringSoon()).isFalse();
        StoredCertificate soon = store(TrustSettings.permissive(), notAfter.minus(Duration.ofDays(10))).list().get(0);
        assertThat(soon.expiringSoon()).isTrue();
        assertThat(soon.usable()).isTrue();
        StoredCertificate gone = store(TrustSettings.permissive(), notAfter.plus(Duration.ofDays(1))).list().get(0);
        assertThat(gone.expiringSoon()).isFalse();
        assertThat(gone.usable()).isFalse();
    }

    @Test
    void removesCertificates() throws Exception {
        Path pem = dir.resolve("alice.pem");
        Files.write(pem, Certificates.pem(List.of(alice.cert())));
        CertificateStore store = store();
        store.importFile(pem);

        assertThat(store.remove(alice.id())).isTrue();
        assertThat(store.remove(alice.id())).isFalse();
        assertThat(store.remove("../../etc/passwd")).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void ignoresTemporaryFilesOfAConcurrentWriter() throws Exception {
        Path pem = dir.resolve("alice.pem");
        Files.write(pem, Certificates.pem(List.of(alice.cert())));
        CertificateStore store = store();
        store.importFile(pem);
        Files.writeString(dir.resolve("store").resolve(AtomicFiles.TEMP_PREFIX + "x-" + carolEc.id() + ".pem"), "-----BEGIN CERT");

        assertThat(store.list()).singleElement().extracting(StoredCertificate::id).isEqualTo(alice.id());
    }

    @Test
    void malformedFileGivesAnExceptionNamingTheFile() throws Exception {
        Path garbage = dir.resolve("partner-cert.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path binary = dir.resolve("random.der");
        Files.write(binary, new byte[] {1, 2, 3, 4, 5});
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> store().importFile(garbage)).isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("partner-cert.pem").hasMessageContaining("PEM");
        assertThatThrownBy(() -> store().importFile(binary)).isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("random.der").hasMessageContaining("no certificate found");
        assertThatThrownBy(() -> store().importFile(missing)).isInstanceOf(CertificateImportException.class)
                .hasMessageContaining("missing.pem").hasMessageContaining("cannot read");
        assertThat(store().list()).isEmpty();
    }
}
