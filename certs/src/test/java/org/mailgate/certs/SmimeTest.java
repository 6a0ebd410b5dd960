package org.mailgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S/MIME structure and failure behaviour, decrypted and verified with BouncyCastle itself. */
class SmimeTest {

    static final String OUTER = "From: Sender <sender@example.com>\r\n"
            + "To: Alice <alice@example.org>\r\n"
            + "Cc: bob@example.org\r\n"
            + "Date: Sun, 29 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1234@example.com>\r\n"
            + "Subject: Quarterly figures\r\n"
            + "MIME-Version: 1.0\r\n";

    static final String SIMPLE_ENTITY = "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Köln – the numbers are attached.\r\n";

    static TestPki pki;
    static TestPki.Issued alice;
    static TestPki.Issued carolEc;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        alice = pki.rsaUser("alice@example.org");
        carolEc = pki.ecUser("carol@example.org");
    }

    static byte[] simpleMessage() {
        return (OUTER + SIMPLE_ENTITY).getBytes(StandardCharsets.UTF_8);
    }

    /** The MIME entity of {@link #attachmentMessage()}: multipart/mixed, 8-bit text, a binary attachment. */
    static byte[] attachmentEntity() {
        byte[] binary = new byte[3000];
        new Random(42).nextBytes(binary);
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(binary);
        String entity = "Content-Type: multipart/mixed;\r\n\tboundary=\"outer-boundary-42\"\r\n"
                + "\r\n"
                + "This is a multi-part message in MIME format.\r\n"
                + "--outer-boundary-42\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Hallo, anbei die Zahlen für März. Ça va? 日本語も大丈夫。\r\n"
                + "Trailing spaces stay:   \r\n"
                + "\r\n"
                + "--outer-boundary-42\r\n"
                + "Content-Type: application/octet-stream; name=\"figures.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"figures.bin\"\r\n"
                + "\r\n"
                + b64 + "\r\n"
                + "--outer-boundary-42--\r\n";
        return entity.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] attachmentMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OUTER.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(attachmentEntity());
        return out.toByteArray();
    }

    /** Splits a message into header text and body bytes at the first empty line. */
    static String header(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }

    static byte[] smimeBody(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return Base64.getMimeDecoder().decode(s.substring(s.indexOf("\r\n\r\n") + 4));
    }

    static byte[] decryptWithBc(byte[] message, X509Certificate cert, PrivateKey key) throws Exception {
        byte[] der = smimeBody(message);
        boolean gcm = header(message).contains("authEnveloped-data");
        RecipientInformationStore recipients = gcm ? new CMSAuthEnvelopedData(der).getRecipientInfos()
                : new CMSEnvelopedData(der).getRecipientInfos();
        for (RecipientInformation r : recipients.getRecipients()) {
            try {
                if (Certificates.isRsa(cert)) {
                    return r.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(Certificates.BC));
                }
                return r.getContent(new JceKeyAgreeEnvelopedRecipient(key).setProvider(Certificates.BC));
            } catch (Exception notForThisKey) {
                // try the next recipient info
            }
        }
        throw new AssertionError("no recipient info decrypts with this key");
    }

    @Test
    void encryptsTheContentEntityAndKeepsTheAddressingHeaders() throws Exception {
        EncryptOptions options = new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.PKCS1_V15,
                Optional.empty(), Optional.empty(), "smime-encrypted; recipients=1");

        byte[] encrypted = Smime.encrypt(attachmentMessage(), List.of(alice.cert()), options);

        String header = header(encrypted);
        assertThat(header).startsWith(OUTER.replace("MIME-Version: 1.0\r\n", ""))
                .contains("MIME-Version: 1.0\r\n")
                .contains("Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n")
                .contains("Content-Transfer-Encoding: base64\r\n")
                .contains("X-Mailgate-Protection: smime-encrypted; recipients=1\r\n")
                .doesNotContain("multipart/mixed").doesNotContain("8bit");
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("Zahlen");
        assertThat(decryptWithBc(encrypted, alice.cert(), alice.key())).isEqualTo(attachmentEntity());
    }

    @Test
    void replacesTheSubjectAndDropsSpoofedProtectionHeaders() throws Exception {
        byte[] message = ("X-Mailgate-Protection: forged\r\n" + OUTER + SIMPLE_ENTITY).getBytes(StandardCharsets.UTF_8);
        EncryptOptions options = new EncryptOptions(ContentCipher.AES256_GCM, RsaKeyTransport.OAEP,
                Optional.empty(), Optional.of("Verschlüsselte Nachricht"), "smime-encrypted");

        byte[] encrypted = Smime.encrypt(message, List.of(alice.cert(), carolEc.cert()), options);

        String header = header(encrypted);
        assertThat(header).doesNotContain("Quarterly").doesNotContain("forged")
                .contains("Subject: =?UTF-8?B?")
                .contains("smime-type=authEnveloped-data");
        // The real subject travels inside, where only the recipients can read it.
        byte[] inner = ("Subject: Quarterly figures\r\n" + SIMPLE_ENTITY).getBytes(StandardCharsets.UTF_8);
        assertThat(decryptWithBc(encrypted, alice.cert(), alice.key())).isEqualTo(inner);
        assertThat(decryptWithBc(encrypted, carolEc.cert(), carolEc.key())).isEqualTo(inner);
    }

    @Test
    void canonicalisesBareLineFeeds() throws Exception {
        byte[] lf = (OUTER + SIMPLE_ENTITY).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);

        byte[] encrypted = Smime.encrypt(lf, List.of(alice.cert()), EncryptOptions.defaults());

        assertThat(header(encrypted)).contains("Message-ID: <1234@example.com>\r\n");
        assertThat(decryptWithBc(encrypted, alice.cert(), alice.key()))
                .isEqualTo(SIMPLE_ENTITY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void archiveCertificateIsAnExtraRecipient() throws Exception {
        TestPki.Issued archive = pki.rsaUser("archive@example.com");
        EncryptOptions options = new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.PKCS1_V15,
                Optional.of(archive.cert()), Optional.empty(), "smime-encrypted; recipients=1; archive");

        byte[] encrypted = Smime.encrypt(simpleMessage(), List.of(carolEc.cert()), options);

        assertThat(new CMSEnvelopedData(smimeBody(encrypted)).getRecipientInfos().size()).isEqualTo(2);
        assertThat(decryptWithBc(encrypted, archive.cert(), archive.key()))
                .isEqualTo(SIMPLE_ENTITY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signsDetachedWithSha256() throws Exception {
        OrganisationIdentity org = OrganisationIdentity.demo(tmp.resolve("org"), "Example Org", "gateway@example.com",
                Clock.systemUTC());

        byte[] signed = Smime.sign(attachmentMessage(), org);

        String text = new String(signed, StandardCharsets.ISO_8859_1);
        assertThat(header(signed)).contains("multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256")
                .contains("X-Mailgate-Protection: smime-signed");
        String boundary = text.substring(text.indexOf("boundary=\"") + 10, text.indexOf('"', text.indexOf("boundary=\"") + 10));
        int start = text.indexOf("--" + boundary + "\r\n") + boundary.length() + 4;
        int end = text.indexOf("\r\n--" + boundary, start);
        byte[] content = text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(content).isEqualTo(attachmentEntity());

        int sigStart = text.indexOf("\r\n\r\n", text.indexOf("smime.p7s\"\r\nContent-Description")) + 4;
        byte[] sig = Base64.getMimeDecoder().decode(text.substring(sigStart, text.indexOf("--" + boundary + "--")));
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), sig);
        var signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(org.certificate()))).isTrue();
    }

    @Test
    void unsuitableRecipientsAreRefusedWithoutOutput() throws Exception {
        var expired = pki.issue("CN=Expired", "old@example.org", TestPki.rsa(), TestPki.NOW.minus(Duration.ofDays(400)),
                TestPki.NOW.minus(Duration.ofDays(1)), TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        var serverAuth = pki.issue("CN=Server", "srv@example.org", TestPki.rsa(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(10)), TestPki.ENCRYPT_RSA,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, false);
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        var dsaCert = pki.issue("CN=Dsa", "dsa@example.org", dsa.generateKeyPair(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(10)), null, null, false);

        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(alice.cert(), expired.cert()), EncryptOptions.defaults()))
                .isInstanceOf(SmimeException.class).hasMessageContaining("expired on");
        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(serverAuth.cert()), EncryptOptions.defaults()))
                .isInstanceOf(SmimeException.class).hasMessageContaining("e-mail protection");
        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(dsaCert.cert()), EncryptOptions.defaults()))
                .isInstanceOf(SmimeException.class).hasMessageContaining("key algorithm DSA");
        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(), EncryptOptions.defaults()))
                .isInstanceOf(SmimeException.class).hasMessageContaining("no recipient");
        EncryptOptions expiredArchive = new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.PKCS1_V15,
                Optional.of(expired.cert()), Optional.empty(), "x");
        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(alice.cert()), expiredArchive))
                .isInstanceOf(SmimeException.class);
    }

    @Test
    void bouncyCastleFailuresBecomeSmimeExceptions() throws Exception {
        // RSA-512 cannot carry an OAEP-SHA-256 wrapped AES-256 key: BouncyCastle throws while encrypting
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        var tiny = pki.issue("CN=Tiny", "tiny@example.org", g.generateKeyPair(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(10)), TestPki.ENCRYPT_RSA, TestPki.EMAIL, false);
        EncryptOptions oaep = new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.OAEP, Optional.empty(),
                Optional.empty(), "smime-encrypted");

        assertThatThrownBy(() -> Smime.encrypt(simpleMessage(), List.of(tiny.cert()), oaep))
                .isInstanceOf(SmimeException.class).hasMessageContaining("encryption failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Köln"));
    }

    @Test
    void malformedMessageIsRefused() {
        byte[] notMail = "this is not a header\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Smime.encrypt(notMail, List.of(alice.cert()), EncryptOptions.defaults()))
                .isInstanceOf(SmimeException.class).hasMessageContaining("not an RFC 5322 message");
    }

    @Test
    void optionsRejectHeaderInjection() {
        assertThatThrownBy(() -> new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.OAEP, Optional.empty(),
                Optional.of("x\r\nBcc: evil@example.org"), "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.OAEP, Optional.empty(),
                Optional.empty(), "ok\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }
}
