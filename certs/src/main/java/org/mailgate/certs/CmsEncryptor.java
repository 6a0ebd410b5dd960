package org.mailgate.certs;

import java.io.IOException;
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
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/** Builds the CMS EnvelopedData / AuthEnvelopedData structure (DER) for a list of recipients. */
final class CmsEncryptor {

    private CmsEncryptor() {
    }

    static byte[] encrypt(byte[] content, List<X509Certificate> recipients, ContentCipher cipher, RsaKeyTransport rsa)
            throws CMSException, GeneralSecurityException, IOException {
        CMSProcessableByteArray data = new CMSProcessableByteArray(content);
        if (cipher == ContentCipher.AES256_GCM) {
            CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
            for (X509Certificate r : recipients) {
                gen.addRecipientInfoGenerator(recipientInfo(r, rsa));
            }
            var encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(Certificates.BC).build();
            return gen.generate(data, (OutputAEADEncryptor) encryptor).getEncoded();
        }
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        for (X509Certificate r : recipients) {
            gen.addRecipientInfoGenerator(recipientInfo(r, rsa));
        }
        // The JDK's own AES (SunJCE) uses the CPU's AES instructions; BouncyCastle's is pure Java
        // and about three times slower on large messages. Key transport stays with BouncyCastle.
        var encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build();
        return gen.generate(data, encryptor).getEncoded();
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
