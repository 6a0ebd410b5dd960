package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@code sensitive} over the labelled corpora in {@code src/test/resources}:
 * {@code corpus/} (written by {@link CorpusGenerator}) and {@code corpus-people/dev} and
 * {@code corpus-people/heldout} (written by {@link PeopleCorpusGenerator}; the held-out set is
 * scored at the end of a round and never tuned on). Each threshold is the figure reached (targets:
 * held-out precision 0.98, recall 0.99, every type 0.95; first corpus 0.98 / 0.98), so a change
 * that loses accuracy fails here.
 */
class CorpusAccuracyTest {
    private final Classifier classifier = new Classifier(ClassifierSettings.defaults());

    private static Path resource(String name) throws URISyntaxException {
        URL root = CorpusAccuracyTest.class.getClassLoader().getResource(name);
        assertThat(root).as(name + " resources").isNotNull();
        return Path.of(root.toURI());
    }

    /** Scores one corpus, prints the report, and fails under the figures this round reached. */
    private CorpusScore score(String dir, int minMessages, double precision, double recall, double typeRecall)
            throws URISyntaxException {
        CorpusScore s = CorpusScore.of(classifier, resource(dir));
        String report = s.report(dir);
        System.out.print(report);
        assertThat(s.messages()).as(dir).isGreaterThanOrEqualTo(minMessages);
        assertThat(s.precision()).as(report).isGreaterThanOrEqualTo(precision);
        assertThat(s.recall()).as(report).isGreaterThanOrEqualTo(recall);
        assertThat(s.lowestTypeRecall()).as(report).isGreaterThanOrEqualTo(typeRecall);
        return s;
    }

    @Test
    void firstCorpus() throws URISyntaxException {
        score("corpus", 200, 1.0, 0.99, 1); // reached 1.000 / 0.991 (s-hard-2 missed)
    }

    @Test
    void peopleCorpusDevelopmentSet() throws URISyntaxException {
        score("corpus-people/dev", 280, 1.0, 1.0, 1.0); // reached 1.000 / 1.000, every type 1.000
    }

    /** Scored at the end of a round only; never tuned on. */
    @Test
    void peopleCorpusHeldOutSet() throws URISyntaxException {
        score("corpus-people/heldout", 120, 1.0, 1.0, 1.0); // reached 1.000 / 1.000, every type 1.000
    }

    /**
     * Phrasings written after the detectors of this round ({@link FreshCorpusGenerator}). Scored
     * first at precision 0.875, recall 0.875 (a "Phone (home)" column, a receptionist named in a
     * leaflet sentence); after the two fixes it drove, 1.000 / 1.000.
     */
    @Test
    void freshPhrasings() throws URISyntaxException {
        score("corpus-people/fresh", 80, 1.0, 1.0, 1.0);
    }
}
