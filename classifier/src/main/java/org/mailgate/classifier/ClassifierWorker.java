package org.mailgate.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Child-process entry point for {@link IsolatedClassifier}. Protocol on stdin/stdout, all frames
 * length-prefixed ({@link Frames}): first frame in = settings (JSON), frame out = "READY"; then
 * repeatedly message bytes in, Classification (JSON) out. Ends at end of input.
 * Public only because the java launcher needs it; not part of the API.
 */
public final class ClassifierWorker {
    /** Test hook: when set, a message containing this marker makes the worker hang forever. */
    static final String HANG_MARKER_PROPERTY = "mailgate.classifier.worker.testHangMarker";
    /** Test hook: when set, a message containing this marker makes the worker die. */
    static final String CRASH_MARKER_PROPERTY = "mailgate.classifier.worker.testCrashMarker";

    private ClassifierWorker() {
    }

    public static void main(String[] args) throws IOException {
        // stdout is the protocol channel: anything a library prints must go elsewhere.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        ObjectMapper json = new ObjectMapper();

        byte[] settingsFrame = Frames.read(in);
        if (settingsFrame == null) {
            return;
        }
        Classifier classifier = new Classifier(json.readValue(settingsFrame, ClassifierSettings.class));
        byte[] hang = marker(HANG_MARKER_PROPERTY);
        byte[] crash = marker(CRASH_MARKER_PROPERTY);
        Frames.write(out, "READY".getBytes(StandardCharsets.US_ASCII));

        byte[] message;
        while ((message = Frames.readMessage(in)) != null) {
            if (hang != null && contains(message, hang)) {
                hangForever();
            }
            if (crash != null && contains(message, crash)) {
                Runtime.getRuntime().halt(3);
            }
            Classification c;
            try {
                c = classifier.classify(message);
            } catch (RuntimeException e) {
                c = Classification.failClosed("classifier error (" + e.getClass().getSimpleName() + ")");
            }
            Frames.write(out, json.writeValueAsBytes(c));
        }
    }

    private static byte[] marker(String property) {
        String v = System.getProperty(property);
        return v == null || v.isEmpty() ? null : v.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void hangForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Simulates a parser that ignores interruption, as real stuck parsers do.
            }
        }
    }
}
