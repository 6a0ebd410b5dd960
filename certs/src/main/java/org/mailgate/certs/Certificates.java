package org.mailgate.certs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Small facts about a certificate: its store id, its e-mail addresses, its key, its PEM form. */
final class Certificates {

    /**
     * One provider instance for the module, passed explicitly to every BouncyCastle operation
     * instead of registering it globally (JVM-wide state the gateway does not own).
     */
    static final Provider BC = new BouncyCastleProvider();

    private static final int GENERAL_NAME_RFC822 = 1;

    private Certificates() {
    }

    /** Hex SHA-256 fingerprint of the DER encoding, first 16 characters. */
    static String id(X509Certificate c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** Lower-cased e-mail addresses from rfc822Name SANs and from legacy E= subject attributes. */
    static List<String> addresses(X509Certificate c) {
        Set<String> out = new LinkedHashSet<>();
        try {
            var sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(GENERAL_NAME_RFC822).equals(san.get(0))
                            && san.get(1) instanceof String s) {
                        out.add(normalise(s));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable SAN extension simply yields no SAN addresses; the subject may still have one
        }
        X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            out.add(normalise(IETFUtils.valueToString(rdn.getFirst().getValue())));
        }
        out.remove("");
        return List.copyOf(out);
    }

    /**
     * A distinguished name as people read it, most specific part first, with the names
     * BouncyCastle knows for its attributes: {@code E=gp@surgery.example, CN=Dr A Patel, O=Surgery}
     * rather than RFC 2253's {@code 1.2.840.113549.1.9.1=#16...}.
     */
    public static String readable(javax.security.auth.x500.X500Principal principal) {
        RDN[] rdns = X500Name.getInstance(BCStyle.INSTANCE, principal.getEncoded()).getRDNs();
        StringBuilder out = new StringBuilder();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(BCStyle.INSTANCE.toString(new X500Name(new RDN[] {rdns[i]})));
        }
        return out.toString();
    }

    static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isRsa(X509Certificate c) {
        return "RSA".equalsIgnoreCase(c.getPublicKey().getAlgorithm());
    }

    static boolean isEc(X509Certificate c) {
        String a = c.getPublicKey().getAlgorithm();
        return "EC".equalsIgnoreCase(a) || "ECDSA".equalsIgnoreCase(a);
    }

    /** "RSA 2048", "EC P-256", or the bare algorithm name. */
    static String keyAlgorithm(X509Certificate c) {
        if (c.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (isEc(c)) {
            var params = SubjectPublicKeyInfo.getInstance(c.getPublicKey().getEncoded()).getAlgorithm().getParameters();
            if (params instanceof ASN1ObjectIdentifier oid) {
                // prefer the NIST name administrators know ("P-256") over the X9.62 one ("prime256v1")
                String name = NISTNamedCurves.getName(oid) != null ? NISTNamedCurves.getName(oid) : ECNamedCurveTable.getName(oid);
                if (name != null) {
                    return "EC " + name;
                }
            }
            return "EC";
        }
        return c.getPublicKey().getAlgorithm();
    }

    static byte[] pem(List<X509Certificate> certs) {
        StringBuilder sb = new StringBuilder();
        Base64.Encoder enc = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate c : certs) {
            try {
                sb.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode a certificate", e);
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Subject and store id, for error messages. */
    static String describe(X509Certificate c) {
        return "\"" + c.getSubjectX500Principal().getName() + "\" (id " + id(c) + ")";
    }
}
