package org.mailgate.certs;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/** Builds the CMS EnvelopedData / AuthEnvelopedData structure (BER, streamed) for a list of recipients. */
final class CmsEncryptor {

    private CmsEncryptor() {
    }

    /**
     * Opens a streaming EnvelopedData / AuthEnvelopedData (BER) on {@code out}: what is written to
     * the returned stream is encrypted as it comes; closing it finishes the structure (and the tag).
     * {@code out} itself is not closed.
     */
    static OutputStream open(OutputStream out, List<X509Certificate> recipients, ContentCipher cipher,
            RsaKeyTransport rsa) throws CMSException, GeneralSecurityException, IOException {
        if (cipher == ContentCipher.AES256_GCM) {
            CMSAuthEnvelopedDataStreamGenerator gen = new CMSAuthEnvelopedDataStreamGenerator();
            for (X509Certificate r : recipients) {
                gen.addRecipientInfoGenerator(recipientInfo(r, rsa));
            }
            var encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(Certificates.BC).build();
            return gen.open(out, (OutputAEADEncryptor) encryptor);
        }
        CMSEnvelopedDataStreamGenerator gen = new CMSEnvelopedDataStreamGenerator();
        for (X509Certificate r : recipients) {
            gen.addRecipientInfoGenerator(recipientInfo(r, rsa));
        }
        // The JDK's own AES (SunJCE) uses the CPU's AES instructions; BouncyCastle's is pure Java
        // and about three times slower on large messages. Key transport stays with BouncyCastle.
        return gen.open(out, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
    }

    private static RecipientInfoGenerator recipientInfo(X509Certificate cert, RsaKeyTransport rsa)
            throws GeneralSecurityException, CMSException {
        if (Certificates.isRsa(cert)) {
            if (rsa == RsaKeyTransport.OAEP) {
                var oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                return new JceKeyTransRecipientInfoGenerator(cert, oaep).setProvider(Certificates.BC);
            }
            return new JceKeyTransRecipientInfoGenerator(cert).setProvider(Certificates.BC);
        }
        if (Certificates.isEc(cert)) {
            // ephemeral-static ECDH (RFC 5753), one fresh ephemeral key per recipient because
            // recipients may use different curves
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Certificates.BC);
            g.initialize(((ECPublicKey) cert.getPublicKey()).getParams());
            KeyPair ephemeral = g.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(cert).setProvider(Certificates.BC);
        }
        throw new GeneralSecurityException("unsupported recipient key algorithm " + cert.getPublicKey().getAlgorithm());
    }
}
