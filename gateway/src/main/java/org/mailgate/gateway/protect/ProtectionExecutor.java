package org.mailgate.gateway.protect;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.EncryptOptions;
import org.mailgate.certs.OrganisationIdentity;
import org.mailgate.certs.Smime;
import org.mailgate.certs.SmimeException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.pipeline.DecisionExecutor;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.ProtectionPolicy;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the policy's Deliver and Encrypt decisions. {@link Decision.Encrypt} becomes one S/MIME copy per
 * recipient domain among the To/Cc recipients, and one per Bcc recipient (each recipient can
 * read it with their own key; the organisation's archive certificate too, if configured),
 * written to the spool before anyone is told to deliver it.
 * If encryption fails for any reason the recipients are held with the reason: never plain.
 */
public final class ProtectionExecutor implements DecisionExecutor {

    private static final Logger log = LoggerFactory.getLogger(ProtectionExecutor.class);
    /** The outer Subject of encrypted mail whose own subject holds personal data, unless smime.subject_replacement says otherwise. */
    static final String HIDDEN_SUBJECT = "Encrypted message";

    private static final String SIGNED = "signed";

    private final Spool spool;
    private final CertificateStore certificates;
    private final Optional<OrganisationIdentity> signer;
    private final boolean signExternal;
    private final EncryptOptions options;
    private final ProtectionPolicy policy;
    private final Predicate<String> isInternal;

    public ProtectionExecutor(Spool spool, CertificateStore certificates, OrganisationIdentity identity,
            GatewayConfig.Signing signing, EncryptOptions options, ProtectionPolicy policy, Predicate<String> isInternal) {
        this.spool = spool;
        this.certificates = certificates;
        this.signer = signing == GatewayConfig.Signing.NONE ? Optional.empty() : Optional.of(identity);
        this.signExternal = signing == GatewayConfig.Signing.EXTERNAL;
        this.options = options;
        this.policy = policy;
        this.isInternal = isInternal;
    }

    @Override
    public List<RecipientState> execute(SpooledMessage message, List<Decision> decisions) {
        Map<String, RecipientState> byRecipient = new LinkedHashMap<>();
        Map<String, List<Decision.Encrypt>> groups = new LinkedHashMap<>();
        Set<String> visible = message.headers().toAndCc();
        String signedCopy = null;
        for (Decision d : decisions) {
            if (d instanceof Decision.Encrypt enc) {
                // Recipients of one domain shown in To/Cc share a copy; a Bcc recipient gets one of
                // their own, so that nobody learns from the envelope's RecipientInfos who else got it.
                String rcpt = d.recipient().toLowerCase(Locale.ROOT);
                String group = visible.contains(rcpt) ? "to:" + Envelope.domainOf(rcpt) : "bcc:" + rcpt;
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(enc);
            } else if (d instanceof Decision.Deliver deliver && signExternal && !isInternal.test(d.recipient())) {
                signedCopy = signedCopy != null ? signedCopy : sign(message);
                byRecipient.put(d.recipient(), RecipientState.pending(d.recipient(), signedCopy, deliver.requireTls(),
                        d.reason()));
            } else {
                byRecipient.put(d.recipient(), RecipientState.pending(d.recipient(), RecipientState.ORIGINAL,
                        ((Decision.Deliver) d).requireTls(), d.reason()));
            }
        }
        int n = 0;
        for (List<Decision.Encrypt> group : groups.values()) {
            encrypt(message, group, "smime-" + ++n).forEach(s -> byRecipient.put(s.address(), s));
        }
        return decisions.stream().map(d -> byRecipient.get(d.recipient())).toList();
    }

    /**
     * A signed copy for external recipients who get the message without encryption. A failure
     * here costs the signature, not confidentiality: the original goes instead.
     */
    private String sign(SpooledMessage message) {
        String qid = message.envelope().queueId();
        try (InputStream in = message.open()) {
            spool.writeCopy(qid, SIGNED, Smime.sign(in.readAllBytes(), signer.orElseThrow()));
            return SIGNED;
        } catch (SmimeException | IOException | RuntimeException e) {
            log.warn("{}: signing failed, sending unsigned: {}", qid, e.getMessage());
            return RecipientState.ORIGINAL;
        }
    }

    private List<RecipientState> encrypt(SpooledMessage message, List<Decision.Encrypt> group, String copy) {
        String qid = message.envelope().queueId();
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Decision.Encrypt d : group) {
                certs.add(certificates.bestFor(d.recipient()).orElseThrow(() ->
                        new SmimeExceptionWrapper("no usable certificate for " + d.recipient() + " any more")));
            }
            // The outer Subject travels in clear: if personal data was found in it, it is replaced.
            Optional<String> outerSubject = group.stream().anyMatch(Decision.Encrypt::hideSubject)
                    ? Optional.of(options.subjectReplacement().orElse(HIDDEN_SUBJECT)) : options.subjectReplacement();
            EncryptOptions o = new EncryptOptions(options.cipher(), options.rsa(), options.archive(),
                    outerSubject, options.processedHeader() + "; recipients=" + group.size()
                            + (signer.isPresent() ? "; signed" : ""));
            // Streamed from the spool through the cipher into the copy: a large message is never
            // held whole. (Signing first still needs the whole message: smime.sign.)
            spool.writeCopy(qid, copy, out -> {
                try (InputStream in = SubjectLine.rewriteSubject(message.open(), policy::withoutTriggers)) {
                    if (signer.isPresent()) {
                        out.write(Smime.signAndEncrypt(in.readAllBytes(), signer.get(), certs, o));
                    } else {
                        Smime.encrypt(in, out, certs, o);
                    }
                }
            });
            log.info("{}: encrypted copy {} for {} recipient(s), {} octets", qid, copy, group.size(),
                    spool.contentSize(qid, copy));
            return group.stream().map(d -> RecipientState.pending(d.recipient(), copy, false, d.reason())).toList();
        } catch (SmimeException | IOException | RuntimeException e) {
            log.error("{}: S/MIME encryption failed, holding {} recipient(s): {}", qid, group.size(), e.getMessage());
            return group.stream().map(d -> RecipientState.held(d.recipient(),
                    d.reason() + "; encryption failed: " + e.getMessage())).toList();
        }
    }

    /** Lets a missing certificate take the same hold path as a crypto failure. */
    private static final class SmimeExceptionWrapper extends RuntimeException {
        SmimeExceptionWrapper(String message) {
            super(message);
        }
    }
}
