package org.mailgate.gateway.protect;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.mailgate.certs.CertificateImportException;
import org.mailgate.certs.CertificateStore;
import org.mailgate.classifier.Classification;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.labels.Labels;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.pipeline.ProcessLaterException;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.pipeline.Verdict;
import java.util.Optional;
import org.mailgate.gateway.policy.Advice;
import org.mailgate.gateway.policy.ClassificationJson;
import org.mailgate.gateway.policy.LabelMatch;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.ProtectionPolicy;
import org.mailgate.gateway.policy.Sensitivity;
import org.mailgate.gateway.spool.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's processing stage: classifies every message that has an external recipient,
 * reads its sensitivity labels ({@link Labels}), returns both with the decisions, and asks the
 * {@link ProtectionPolicy} what each recipient gets (a label that asks for protection makes the
 * message sensitive; a label lower than the content is reported to the sender). A classification that fails or times out counts as HIGH (fail closed).
 */
public final class ProtectionStage implements ProcessingStage {

    private static final Logger log = LoggerFactory.getLogger(ProtectionStage.class);

    private final GatewayConfig config;
    private final MessageScanner scanner;
    private final ProtectionPolicy policy;
    private final CertificateStore certificates;
    private final Labels labels;
    private final GatewayMetrics metrics;

    public ProtectionStage(GatewayConfig config, MessageScanner scanner, ProtectionPolicy policy,
            CertificateStore certificates, GatewayMetrics metrics) {
        this.config = config;
        this.scanner = scanner;
        this.policy = policy;
        this.certificates = certificates;
        this.labels = new Labels(config.labels());
        this.metrics = metrics;
    }

    /**
     * A partner who sends us signed mail gives us their certificate: keep it (if it names them
     * and the signature verifies) so that replies to them can be encrypted.
     */
    private void harvestSignerCertificate(SpooledMessage message, String contentType) {
        Envelope e = message.envelope();
        if (e.isNullSender() || config.domains().isInternal(Envelope.domainOf(e.sender()))) {
            return;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean signed = type.startsWith("multipart/signed") || ((type.startsWith("application/pkcs7-mime")
                || type.startsWith("application/x-pkcs7-mime")) && type.contains("signed-data"));
        if (!signed) {
            return;
        }
        try (InputStream in = message.open()) {
            certificates.harvest(in, e.sender()).forEach(c ->
                    log.info("{}: kept the S/MIME certificate {} of <{}> from their signed message", e.queueId(), c.id(),
                            e.sender()));
        } catch (CertificateImportException | IOException ex) {
            log.info("{}: signed message from <{}> gave no usable certificate: {}", e.queueId(), e.sender(), ex.getMessage());
        }
    }

    /** The message's classification; a failure is a fail-closed one, unless the store or disk asks for a later try. */
    private Classification classify(SpooledMessage message) {
        try {
            return scanner.scan(message);
        } catch (Exception ex) {
            ProcessLaterException later = ProcessLaterException.of(ex);
            if (later != null) {
                throw later;
            }
            log.error("{}: classification failed ({}); treating the message as sensitive", message.envelope().queueId(),
                    ex.toString());
            return Classification.failClosed("classification failed: " + ex.getClass().getSimpleName());
        }
    }

    @Override
    public Verdict process(SpooledMessage message) {
        Envelope e = message.envelope();
        boolean external = e.recipients().stream().anyMatch(r -> !config.domains().isInternal(Envelope.domainOf(r)));
        String subject = message.headers().subject();
        harvestSignerCertificate(message, message.headers().contentType());
        if (!external) {
            return Verdict.unclassified(policy.decide(e, subject, Sensitivity.NOT_CLASSIFIED, r -> false));
        }
        Classification c = classify(message);
        if (e.origin() == Envelope.Origin.RELEASED_PROTECTED) {
            // A reviewer has read it and let it go, protected. Its classification only says
            // whether the subject may be shown outside the protection.
            Sensitivity released = Sensitivity.releasedProtected(ClassificationJson.sensitivity(c).subjectSensitive());
            return Verdict.classified(policy.decide(e, subject, released, r -> certificates.bestFor(r).isPresent()), c);
        }
        List<LabelMatch> found = labels.of(message.headers());
        Sensitivity content = ClassificationJson.sensitivity(c);
        Sensitivity sensitivity = content.withLabels(found);
        log.info("{}: classified level={} findings={}{}", e.queueId(), c.level(),
                c.findings().stream().map(f -> f.type() + "x" + f.count()).toList(), found.isEmpty() ? ""
                        : " labels=" + found.stream().map(l -> l.describe() + ":" + l.level() + "/" + l.action()).toList());
        found.forEach(l -> metrics.label(l.source(), l.action()));
        return new Verdict(policy.decide(e, subject, sensitivity, r -> certificates.bestFor(r).isPresent()),
                Optional.of(c), found, tooLow(sensitivity, content.level()));
    }

    /**
     * A label lower than what the content shows never lowers the result (the higher wins), but
     * the sender should know that their label looked wrong.
     */
    private static List<Advice> tooLow(Sensitivity labelled, String contentLevel) {
        return labelled.labelsBelow(contentLevel).stream().findFirst().map(l -> new Advice("",
                "You labelled it " + l.name() + " (" + l.level() + "), but it holds information of a higher level ("
                        + contentLevel + "), so it was treated as " + contentLevel + ". Please check the label."))
                .stream().toList();
    }
}
