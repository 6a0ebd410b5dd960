package org.mailgate.gateway.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;

/**
 * DKIM keys as files and as DNS records: an RSA or Ed25519 key written as PEM (PKCS#8, readable
 * by the owner only), read back from PKCS#8 (or PKCS#1 for RSA) PEM, and the TXT record that
 * publishes its public half at {@code selector._domainkey.domain} ({@code k=rsa} with the
 * SubjectPublicKeyInfo, {@code k=ed25519} with the bare 32-byte key, RFC 8463).
 */
public final class DkimKeys {

    /** The PEM label of a PKCS#8 private key. */
    private static final String PKCS8 = "PRIVATE KEY";

    private DkimKeys() {
    }

    /** A new RSA key of {@code bits}, written to {@code file} (which must not exist yet). */
    public static KeyPair generate(Path file, int bits) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return write(file, g.generateKeyPair());
    }

    /** A new Ed25519 key (RFC 8463), written to {@code file} (which must not exist yet). */
    public static KeyPair generateEd25519(Path file) throws IOException, GeneralSecurityException {
        return write(file, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    }

    private static KeyPair write(Path file, KeyPair pair) throws IOException {
        String pem = "-----BEGIN " + PKCS8 + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END " + PKCS8 + "-----\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, pem, java.nio.file.StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator protects it
        }
        return pair;
    }

    /** The private key in a PEM file: PKCS#8 ("PRIVATE KEY", RSA or Ed25519) or PKCS#1 ("RSA PRIVATE KEY"). */
    public static PrivateKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is not a PEM private key (BEGIN PRIVATE KEY or BEGIN RSA "
                    + "PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        if (pkcs1) {
            der = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der)).getEncoded();
        }
        boolean ed25519 = !pkcs1 && PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm()
                .equals(EdECObjectIdentifiers.id_Ed25519);
        return KeyFactory.getInstance(ed25519 ? "Ed25519" : "RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** {@code ed25519} or {@code rsa}: the {@code k=} of the key's record and the first half of {@code a=}. */
    public static String algorithm(java.security.Key key) {
        return key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA") ? "ed25519" : "rsa";
    }

    /** The public half of an RSA (with CRT parameters) or Ed25519 private key. */
    public static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof java.security.interfaces.EdECPrivateKey ed) {
            byte[] raw = ed.getBytes().orElseThrow(() -> new GeneralSecurityException("the Ed25519 key cannot be read"));
            byte[] pub = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(raw, 0).generatePublicKey()
                    .getEncoded();
            try {
                return KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(
                        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(new AlgorithmIdentifier(
                                EdECObjectIdentifiers.id_Ed25519), pub).getEncoded()));
            } catch (IOException e) {
                throw new GeneralSecurityException("the Ed25519 public key cannot be encoded", e);
            }
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new GeneralSecurityException("only RSA keys with their CRT parameters and Ed25519 keys are supported");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                rsa.getPublicExponent()));
    }

    /** The {@code p=} data: the SubjectPublicKeyInfo for RSA, the bare 32-byte key for Ed25519 (RFC 8463). */
    public static byte[] publicKeyData(PublicKey key) {
        byte[] spki = key.getEncoded();
        return algorithm(key).equals("ed25519") ? java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length) : spki;
    }

    /**
     * The TXT record that publishes a key, in zone file form, its value split into strings of
     * at most 255 characters: {@code mg1._domainkey.council.example. IN TXT ( "v=DKIM1; k=rsa; p=MIIB..." "..." )}.
     */
    public static String record(String domain, String selector, PublicKey key) {
        String value = "v=DKIM1; k=" + algorithm(key) + "; p=" + Base64.getEncoder().encodeToString(publicKeyData(key));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add("\"" + value.substring(i, Math.min(value.length(), i + 255)) + "\"");
        }
        return selector + "._domainkey." + domain + ". IN TXT ( " + String.join(" ", parts) + " )";
    }
}
