package org.mailgate.gateway.dkim;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;

/**
 * The signature of {@code a=ed25519-sha256} (RFC 8463) as a JCA algorithm,
 * {@code SHA256withED25519}: the canonicalized header data is hashed with SHA-256 and the
 * digest is signed with PureEd25519 (the JDK's). Apache jDKIM names its signature algorithm
 * that way from the {@code a=} tag, so with this provider installed it signs ed25519-sha256
 * exactly as it signs rsa-sha256, over the same canonicalization; only this last step is ours.
 * Public only because the JCA instantiates it by name.
 */
public final class Ed25519Sha256 extends SignatureSpi {

    static final String ALGORITHM = "SHA256withED25519";

    private static final class DkimProvider extends Provider {
        DkimProvider() {
            super("mailgate-dkim", "1", "ed25519-sha256 for DKIM (RFC 8463)");
            put("Signature." + ALGORITHM, Ed25519Sha256.class.getName());
        }
    }

    /** Installs the algorithm (once; harmless to call again). */
    static synchronized void install() {
        if (Security.getProvider("mailgate-dkim") == null) {
            Security.addProvider(new DkimProvider());
        }
    }

    private final MessageDigest digest;
    private PrivateKey key;

    public Ed25519Sha256() throws NoSuchAlgorithmException {
        this.digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        if (!"Ed25519".equals(privateKey.getAlgorithm()) && !"EdDSA".equals(privateKey.getAlgorithm())) {
            throw new InvalidKeyException("an Ed25519 key is needed for ed25519-sha256, not " + privateKey.getAlgorithm());
        }
        this.key = privateKey;
        digest.reset();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("signing only");
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(digest.digest());
            return ed.sign();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new SignatureException(e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        throw new SignatureException("signing only");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new UnsupportedOperationException();
    }
}
