import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mailgate.certs.EncryptOptions;
import org.mailgate.certs.Smime;

/**
 * S/MIME encryption speed of the gateway's facade against `openssl cms -encrypt -aes256` on the
 * same input and certificate, in the same run. Run from the repository root after packaging:
 *
 *   java -cp gateway/target/gateway.jar bench/smime/SmimeBench.java
 *
 * openssl is timed as a whole process per message (that is how it is used from a shell);
 * the facade is timed in a warm JVM. Both produce AES-256-CBC EnvelopedData for one RSA-2048
 * recipient.
 */
public class SmimeBench {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("smime-bench");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        X509Certificate cert = certificate(pair, "bench@partner.example");
        Path certPem = dir.resolve("cert.pem");
        try (Writer w = Files.newBufferedWriter(certPem); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(cert);
        }
        System.out.printf("S/MIME encryption, AES-256-CBC, RSA-2048, %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), Instant.now());
        for (int size : new int[] {100 * 1024, 10 * 1024 * 1024}) {
            byte[] msg = message(size);
            Path in = dir.resolve("msg-" + size + ".eml");
            Files.write(in, msg);
            int iterations = size > 1_000_000 ? 10 : 200;
            for (int i = 0; i < iterations / 2 + 1; i++) {
                Smime.encrypt(msg, List.of(cert), EncryptOptions.defaults()); // warm-up
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                Smime.encrypt(msg, List.of(cert), EncryptOptions.defaults());
            }
            double ours = (System.nanoTime() - t0) / 1e9 / iterations;
            long t1 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                Process p = new ProcessBuilder("openssl", "cms", "-encrypt", "-aes256", "-in", in.toString(),
                        "-out", dir.resolve("out.p7m").toString(), certPem.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("openssl failed");
                }
            }
            double theirs = (System.nanoTime() - t1) / 1e9 / iterations;
            double mb = size / 1024.0 / 1024.0;
            System.out.printf("%-6s gateway  %7.1f ops/s %7.1f MB/s | openssl cms %7.1f ops/s %7.1f MB/s | ratio %.2f (target >= 0.7)%n",
                    size > 1_000_000 ? "10MB" : "100KB", 1 / ours, mb / ours, 1 / theirs, mb / theirs, theirs / ours);
        }
    }

    private static byte[] message(int size) {
        StringBuilder b = new StringBuilder("From: a@council.example\r\nTo: bench@partner.example\r\nSubject: bench\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        while (b.length() < size) {
            b.append("Case notes line with some text to encrypt, again and again and again.\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(KeyPair pair, String email) throws Exception {
        X500Name name = new X500Name("CN=" + email);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }
}
