package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the MIME walk and Tika extraction with Jazzer: whatever the bytes,
 * classification returns a result (never throws), and a message that looks protected never
 * comes back "not sensitive" because something in it could not be read. Normal test runs replay
 * the committed inputs under src/test/resources; `bench/faults/fuzz.sh` fuzzes for a set time.
 */
class ExtractionFuzzTest {

    private static final Classifier CLASSIFIER = new Classifier();

    @FuzzTest(maxDuration = "30s")
    void anyMessageGivesAClassification(FuzzedDataProvider data) {
        byte[] message = data.consumeRemainingAsBytes();
        Classification c = CLASSIFIER.classify(message);
        assertThat(c).isNotNull();
        assertThat(c.level()).isNotNull();
        if (!c.unscannable().isEmpty()) {
            assertThat(c.sensitive()).as("unscannable content fails closed").isTrue();
        }
    }

    /** A structured message around fuzzed parts: headers, boundaries and encodings the walk must survive. */
    @FuzzTest(maxDuration = "30s")
    void multipartMessagesWithFuzzedPartsGiveAClassification(FuzzedDataProvider data) {
        String type = data.pickValue(new String[] {"text/plain", "text/html", "application/pdf", "application/zip",
                "message/rfc822", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/octet-stream", "multipart/mixed; boundary=\"b\""});
        String encoding = data.pickValue(new String[] {"7bit", "base64", "quoted-printable", "8bit", "x-unknown"});
        String charset = data.pickValue(new String[] {"utf-8", "iso-8859-1", "utf-16", "x-invalid", "gb2312"});
        byte[] part = data.consumeRemainingAsBytes();
        String head = "From: a@council.example\r\nTo: b@ext.example\r\nSubject: =?utf-8?B?" + "dGVzdA==?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nNI AB 12 34 56 C\r\n--b\r\nContent-Type: " + type + "; charset=" + charset
                + "\r\nContent-Transfer-Encoding: " + encoding + "\r\nContent-Disposition: attachment; filename=\"f\"\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[headBytes.length + part.length + tail.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(part, 0, message, headBytes.length, part.length);
        System.arraycopy(tail, 0, message, headBytes.length + part.length, tail.length);
        Classification c = CLASSIFIER.classify(message);
        assertThat(c.findings()).as("the NINO in the first part is always found")
                .anyMatch(f -> f.type() == FindingType.UK_NINO);
    }
}
