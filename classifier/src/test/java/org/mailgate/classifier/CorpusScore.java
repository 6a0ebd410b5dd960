package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Precision and recall of {@code sensitive} over a labelled corpus directory ({@code sensitive/},
 * {@code ordinary/}), and, where file names start with the finding type a sensitive message must
 * be caught by ({@code TYPE--kind-….eml}), the recall per type: caught means sensitive and
 * reported with that type. Checks on the way that samples and evidence are masked.
 */
record CorpusScore(int tp, int fp, int fn, int tn, Map<String, int[]> perType, List<String> mistakes) {
    private static final Pattern RAW_LOOKING = Pattern.compile("\\d{5,}|[A-Z]{2}\\s?\\d{2}\\s?\\d{2}\\s?\\d{2}\\s?[A-D]");

    static CorpusScore of(Classifier classifier, Path corpus) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        Map<String, int[]> perType = new TreeMap<>();
        List<String> mistakes = new ArrayList<>();
        for (String label : List.of("sensitive", "ordinary")) {
            for (Path f : files(corpus.resolve(label))) {
                Classification c;
                try (InputStream in = Files.newInputStream(f)) {
                    c = classifier.classify(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertMasked(c, f);
                boolean expected = label.equals("sensitive");
                String name = f.getFileName().toString();
                String type = name.contains("--") ? name.substring(0, name.indexOf("--")) : null;
                if (expected && type != null) {
                    int[] caught = perType.computeIfAbsent(type, t -> new int[2]);
                    caught[1]++;
                    if (c.sensitive() && c.finding(FindingType.valueOf(type)) != null) {
                        caught[0]++;
                    } else if (c.sensitive()) {
                        mistakes.add("caught as another type " + label + "/" + name + " " + c.level() + " " + types(c));
                    }
                }
                if (c.sensitive() && expected) {
                    tp++;
                } else if (c.sensitive()) {
                    fp++;
                    mistakes.add("false positive " + label + "/" + name + " " + c.level() + " " + types(c));
                } else if (expected) {
                    fn++;
                    mistakes.add("false negative " + label + "/" + name + " " + c.level() + " " + types(c));
                } else {
                    tn++;
                }
            }
        }
        return new CorpusScore(tp, fp, fn, tn, perType, mistakes);
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int messages() {
        return tp + fp + fn + tn;
    }

    double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    double recall(String type) {
        int[] c = perType.get(type);
        return c == null || c[1] == 0 ? 0 : (double) c[0] / c[1];
    }

    /** The lowest per-type recall (1 if the corpus has no typed messages). */
    double lowestTypeRecall() {
        return perType.keySet().stream().mapToDouble(this::recall).min().orElse(1);
    }

    String report(String name) {
        StringBuilder b = new StringBuilder(String.format("%s: %d messages, tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f%n",
                name, messages(), tp, fp, fn, tn, precision(), recall()));
        perType.forEach((t, c) -> b.append(String.format("  %s recall %d/%d = %.3f%n", t, c[0], c[1], recall(t))));
        mistakes.forEach(m -> b.append("  ").append(m).append('\n'));
        return b.toString();
    }

    /** Finding types and confidences only: never values. */
    private static String types(Classification c) {
        return c.findings().stream().map(f -> f.type() + "/" + f.confidence() + "x" + f.count()).toList().toString();
    }

    /** Samples and evidence leave the classifier (logs, UI): they must never contain a whole value. */
    private static void assertMasked(Classification c, Path file) {
        for (Finding f : c.findings()) {
            assertThat(f.samples()).as("samples of %s in %s", f.type(), file.getFileName()).hasSizeLessThanOrEqualTo(3)
                    .noneMatch(s -> RAW_LOOKING.matcher(s).find());
            assertThat(f.evidence()).as("evidence of %s in %s", f.type(), file.getFileName()).hasSizeLessThanOrEqualTo(3)
                    .noneMatch(e -> RAW_LOOKING.matcher(e.snippet()).find());
        }
    }
}
