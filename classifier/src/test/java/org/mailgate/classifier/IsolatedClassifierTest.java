package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.classifier.Fixtures.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The worker is started with test-only hooks: a message containing HANG never returns (like a
 * parser stuck in a loop), one containing CRASH kills the JVM. The parent must fail closed and the
 * next message must still be classified by a fresh worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class IsolatedClassifierTest {
    private static final String HANG = "X-Test-Hang-7f3a";
    private static final String CRASH = "X-Test-Crash-91bc";
    private IsolatedClassifier isolated;

    @BeforeAll
    void start() {
        ClassifierSettings s = ClassifierSettings.defaults().withWorkers(1).withMaxTimeMillis(3_000);
        isolated = new IsolatedClassifier(s, List.of(
                "-D" + ClassifierWorker.HANG_MARKER_PROPERTY + "=" + HANG,
                "-D" + ClassifierWorker.CRASH_MARKER_PROPERTY + "=" + CRASH), 0); // every message to a child
    }

    @AfterAll
    void stop() {
        isolated.close();
    }

    private Classification classify(byte[] m) throws IOException {
        return isolated.classify(new ByteArrayInputStream(m));
    }

    @Test
    void classifiesInAChildProcessThenSurvivesHangAndCrash() throws IOException {
        byte[] sensitive = mail().subject("claim").text("National Insurance number AB 12 34 56 C").bytes();
        byte[] ordinary = mail().subject("lunch").text("See you at noon.").bytes();

        Classification first = classify(sensitive);
        assertThat(first.level()).isEqualTo(Level.HIGH);
        assertThat(first.finding(FindingType.UK_NINO).samples()).containsExactly("AB \u2022\u2022 \u2022\u2022 \u2022\u2022 C");
        assertThat(classify(ordinary).level()).isEqualTo(Level.NONE);
        assertThat(isolated.idleWorkers()).isEqualTo(1);

        long start = System.nanoTime();
        Classification hung = classify(mail().subject("x").text("body " + HANG).bytes());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(hung.level()).isEqualTo(Level.HIGH);
        assertThat(hung.sensitive()).isTrue();
        assertThat(hung.finding(FindingType.UNSCANNABLE_ATTACHMENT).samples()).containsExactly("classification timed out");
        assertThat(tookMillis).isBetween(3_000L, 20_000L);
        assertThat(isolated.idleWorkers()).isZero(); // the stuck worker was killed, not returned to the pool

        // The next message is classified normally by a replacement worker.
        assertThat(classify(sensitive).finding(FindingType.UK_NINO)).isNotNull();
        assertThat(classify(ordinary).sensitive()).isFalse();

        Classification crashed = classify(mail().subject("x").text("body " + CRASH).bytes());
        assertThat(crashed.level()).isEqualTo(Level.HIGH);
        assertThat(crashed.finding(FindingType.UNSCANNABLE_ATTACHMENT).samples()).containsExactly("classifier worker failed");
        assertThat(classify(sensitive).level()).isEqualTo(Level.HIGH);
        assertThat(classify(ordinary).level()).isEqualTo(Level.NONE);
    }

    @Test
    void smallTextOnlyMessagesStayInProcessAndAttachmentsGoToAChild() throws IOException {
        try (IsolatedClassifier mixed = new IsolatedClassifier(ClassifierSettings.defaults().withWorkers(1), List.of(
                "-D" + ClassifierWorker.CRASH_MARKER_PROPERTY + "=" + CRASH), IsolatedClassifier.IN_PROCESS_MAX_BYTES)) {
            byte[] text = mail().subject("claim").text("National Insurance number AB 12 34 56 C").bytes();
            byte[] html = mail().subject("claim").html("<p>NHS number 943 476 5919</p>").bytes();
            assertThat(mixed.classify(text).finding(FindingType.UK_NINO)).isNotNull();
            assertThat(mixed.classify(html).finding(FindingType.UK_NHS_NUMBER)).isNotNull();
            assertThat(mixed.idleWorkers()).as("no child was needed").isZero();

            byte[] attached = mail().subject("notes").text("see attached")
                    .attach("notes.txt", "text/plain", "NI AB 12 34 56 C".getBytes(StandardCharsets.UTF_8)).bytes();
            assertThat(mixed.classify(attached).finding(FindingType.UK_NINO)).isNotNull();
            assertThat(mixed.idleWorkers()).as("the attachment went to a child").isEqualTo(1);

            // The crash hook lives only in the child: text with it is classified here, unharmed.
            assertThat(mixed.classify(mail().subject("x").text("body " + CRASH).bytes()).level()).isEqualTo(Level.NONE);
        }
    }

    @Test
    void evidenceSurvivesTheRoundTripThroughTheWorker() throws IOException {
        byte[] m = mail().subject("pension").text("Please pay Mrs Hussain's pension into IBAN GB82 WEST 1234 5698 7654 32.").bytes();
        Classification inProcess = new Classifier(ClassifierSettings.defaults()).classify(m);
        Classification isolatedResult = classify(m);
        assertThat(isolatedResult).isEqualTo(inProcess);
        assertThat(isolatedResult.finding(FindingType.IBAN).evidence()).singleElement()
                .satisfies(e -> assertThat(e.snippet()).contains("Mrs H\u2022\u2022\u2022", "GB\u2022\u2022").doesNotContain("5698"));
    }
}
