package org.mailgate.certs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Creates a detached CMS SignedData (DER) over content, SHA-256, with the signer's chain included. */
final class CmsSigner {

    private CmsSigner() {
    }

    static byte[] signDetached(byte[] content, PrivateKey key, List<X509Certificate> chain)
            throws CMSException, OperatorCreationException, GeneralSecurityException, IOException {
        String algorithm = "RSA".equalsIgnoreCase(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        // advertise what we can decrypt, so partners replying encrypted pick AES-256
        SMIMECapabilityVector caps = new SMIMECapabilityVector();
        caps.addCapability(NISTObjectIdentifiers.id_aes256_GCM);
        caps.addCapability(SMIMECapability.aES256_CBC);
        caps.addCapability(SMIMECapability.aES128_CBC);
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new SMIMECapabilitiesAttribute(caps));
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Certificates.BC)
                .setSignedAttributeGenerator(new AttributeTable(attrs))
                .build(algorithm, key, chain.get(0));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(signerInfo);
        gen.addCertificates(new JcaCertStore(chain));
        return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }
}
