/**
 * Content classification for mailgate: decides whether a message carries personal or otherwise
 * sensitive information before it leaves the organisation.
 *
 * <p>Pipeline: the MIME tree is walked ({@code Extractor}), text is extracted from bodies and
 * attachments with Apache Tika under hard limits ({@code ExtractionContext}, {@code ZipWalker},
 * {@code TikaText}), each segment's text is prepared once for all detectors ({@code Scan}: its
 * candidates, {@code NumericWords}, and where every context keyword occurs, {@code KeywordIndex}),
 * each {@code Detector} looks for one sensitive-information type (pattern,
 * checksum, keyword context, confidence), and {@code Scorer} turns the hits into
 * {@link org.mailgate.classifier.Finding}s and a {@link org.mailgate.classifier.Level} using the
 * {@link org.mailgate.classifier.LevelRule}s in {@link org.mailgate.classifier.ClassifierSettings}.
 *
 * <p>Entry points: {@link org.mailgate.classifier.Classifier} (in-process) and
 * {@link org.mailgate.classifier.IsolatedClassifier} (child JVMs that can be killed when a parser hangs).
 *
 * <p>Rules this package keeps: it fails closed (anything that cannot be scanned makes the message
 * HIGH); it never logs message content or detected values, and findings carry only masked samples;
 * it knows nothing about SMTP, queues or storage.
 */
package org.mailgate.classifier;
