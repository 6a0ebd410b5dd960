package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@code sensitive} over the labelled corpus in
 * {@code src/test/resources/corpus/{sensitive,ordinary}} (written by {@link CorpusGenerator}).
 */
class CorpusAccuracyTest {
    private static final double MINIMUM = 0.95;

    @Test
    void precisionAndRecallOverCorpus() throws IOException, URISyntaxException {
        URL root = getClass().getClassLoader().getResource("corpus");
        assertThat(root).as("corpus resources").isNotNull();
        Path corpus = Path.of(root.toURI());
        Classifier classifier = new Classifier(ClassifierSettings.defaults());

        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        List<String> mistakes = new ArrayList<>();
        for (String label : List.of("sensitive", "ordinary")) {
            List<Path> files;
            try (Stream<Path> s = Files.list(corpus.resolve(label))) {
                files = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            }
            assertThat(files).as(label).hasSizeGreaterThanOrEqualTo(100);
            for (Path f : files) {
                Classification c;
                try (InputStream in = Files.newInputStream(f)) {
                    c = classifier.classify(in);
                }
                assertMasked(c, f);
                boolean expected = label.equals("sensitive");
                if (c.sensitive() && expected) {
                    tp++;
                } else if (c.sensitive()) {
                    fp++;
                    mistakes.add("false positive " + label + "/" + f.getFileName() + " " + c.level() + " " + types(c));
                } else if (expected) {
                    fn++;
                    mistakes.add("false negative " + label + "/" + f.getFileName() + " " + c.level() + " " + types(c));
                } else {
                    tn++;
                }
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        System.out.printf("corpus: tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f%n", tp, fp, fn, tn, precision, recall);
        mistakes.forEach(System.out::println);
        assertThat(precision).as("precision (mistakes: %s)", mistakes).isGreaterThanOrEqualTo(MINIMUM);
        assertThat(recall).as("recall (mistakes: %s)", mistakes).isGreaterThanOrEqualTo(MINIMUM);
    }

    /** Finding types and confidences only: never values. */
    private static String types(Classification c) {
        return c.findings().stream().map(f -> f.type() + "/" + f.confidence() + "x" + f.count()).toList().toString();
    }

    private static final java.util.regex.Pattern RAW_LOOKING = java.util.regex.Pattern.compile(
            "\\d{5,}|[A-Z]{2}\\s?\\d{2}\\s?\\d{2}\\s?\\d{2}\\s?[A-D]");

    /** Samples leave the classifier (logs, UI): they must never contain a whole value. */
    private static void assertMasked(Classification c, Path file) {
        for (Finding f : c.findings()) {
            assertThat(f.samples()).as("samples of %s in %s", f.type(), file.getFileName()).hasSizeLessThanOrEqualTo(3)
                    .noneMatch(s -> RAW_LOOKING.matcher(s).find());
        }
    }
}
