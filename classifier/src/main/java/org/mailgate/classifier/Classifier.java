package org.mailgate.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * In-process classifier: MIME walk, text extraction, detectors, level rules. Thread-safe; build
 * one and share it. It never throws for bad message content: anything it cannot read becomes an
 * UNSCANNABLE_ATTACHMENT finding. Its time limit is only checked between parts, because a Java
 * thread stuck inside a parser cannot be stopped: use {@link IsolatedClassifier} where that matters.
 * Never logs message content or detected values.
 */
public final class Classifier {
    private final ClassifierSettings settings;
    private final Extractor extractor = new Extractor();
    private final Scorer scorer;
    // Order matters: the special-category detector reads the identifiers found before it.
    private final List<Detector> detectors = List.of(
            new NinoDetector(), new NhsNumberDetector(), new PaymentCardDetector(), new BankAccountDetector(),
            new IbanDetector(), new PassportDetector(), new DrivingLicenceDetector(), new DateOfBirthDetector(),
            new PostcodeDetector(), new PhoneDetector(), new ProtectiveMarkingDetector(), new SpecialCategoryDetector());

    public Classifier(ClassifierSettings settings) {
        this.settings = settings;
        this.scorer = new Scorer(settings);
    }

    public Classifier() {
        this(ClassifierSettings.defaults());
    }

    public ClassifierSettings settings() {
        return settings;
    }

    /** Classifies one RFC 822 message. Only an I/O error reading {@code rfc822Message} is thrown. */
    public Classification classify(InputStream rfc822Message) throws IOException {
        byte[] data;
        try {
            data = ExtractionContext.readBounded(rfc822Message, settings.maxMessageBytes());
        } catch (ExtractionContext.TooLargeException e) {
            return Classification.failClosed("message too large to scan");
        }
        return classify(data);
    }

    public Classification classify(byte[] rfc822Message) {
        ExtractionContext ctx = new ExtractionContext(settings, rfc822Message.length);
        extractor.extractMessage(rfc822Message, ctx);
        return score(ctx);
    }

    /** Whether {@code rfc822Message} is text bodies only, nothing for a document or archive parser. */
    boolean onlyTextBodies(byte[] rfc822Message) {
        return extractor.onlyTextBodies(rfc822Message);
    }

    /** Classifies plain text as if it were a message body (tests, benchmarks, the CLI). */
    public Classification classifyText(String text) {
        // The message size only sets the budget for expanding archives and embedded documents,
        // and plain text has none: its length in chars is enough, without a pass to count UTF-8 bytes.
        ExtractionContext ctx = new ExtractionContext(settings, text.length());
        ctx.addText("body", text);
        return score(ctx);
    }

    private Classification score(ExtractionContext ctx) {
        List<Scorer.Located> hits = new ArrayList<>();
        Scorer.EvidenceBudget evidence = new Scorer.EvidenceBudget();
        for (Segment s : ctx.segments()) {
            if (ctx.timeUp()) {
                ctx.unscannable(s.location(), "time limit reached");
                continue;
            }
            Scan scan = Scan.of(s.text(), settings.keywordWindow());
            List<Hit> found = new ArrayList<>();
            for (Detector d : detectors) {
                try {
                    d.detect(scan, found);
                } catch (RuntimeException | StackOverflowError e) {
                    // A detector bug must not let the message pass unexamined.
                    ctx.unscannable(s.location(), "detector failed (" + d.getClass().getSimpleName() + ")");
                }
            }
            dropPartsOfIbans(found);
            for (Hit h : found) {
                // a snippet only for the first few values of each type: the text may hold thousands
                Evidence e = evidence.wants(h) ? new Evidence(Snippets.of(scan.text, h), h.rule()) : null;
                hits.add(new Scorer.Located(h, s.location(), e));
            }
        }
        return scorer.score(hits, ctx.unscannable());
    }

    /** Digits inside an IBAN ("GB14 BARC 6121 2055 7944 70") are not also a card, phone or NHS number. */
    private static void dropPartsOfIbans(List<Hit> found) {
        List<Hit> ibans = found.stream().filter(h -> h.type() == FindingType.IBAN).toList();
        if (!ibans.isEmpty()) {
            found.removeIf(h -> h.type() != FindingType.IBAN && h.type() != FindingType.SPECIAL_CATEGORY
                    && ibans.stream().anyMatch(i -> h.start() >= i.start() && h.end() <= i.end()));
        }
    }
}
