import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.mailgate.classifier.Classifier;
import org.mailgate.classifier.ClassifierSettings;

/**
 * Classifier speed. In the same run: our detector pass over 100 MB of text (in 1 MB pieces)
 * against GNU grep counting NINO-shaped strings with a PCRE on the same file, and per-message
 * latency for a 20 KB message and for messages with a 2 MB PDF and a 2 MB DOCX (warm). The
 * detector pass is timed cold (the first 100 MB, JIT compiling) and warm (after 300 MB of
 * warm-up, five rounds each beside a grep run; medians), and once more, for scale, over the same
 * text with a curly apostrophe in half its lines. Run from the repository root after packaging:
 *
 *   java -Xmx2g -cp gateway/target/gateway.jar bench/classifier/ClassifierBench.java
 */
public class ClassifierBench {

    static final String NINO_PCRE = "\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b";

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("classifier-bench");
        Classifier classifier = new Classifier(ClassifierSettings.defaults());
        System.out.printf("classifier benchmark, %d cores, %s%n", Runtime.getRuntime().availableProcessors(), Instant.now());

        String piece = text(1024 * 1024, new Random(7));
        Path file = dir.resolve("text-100mb.txt");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100; i++) {
                out.write(piece);
            }
        }
        // Cold: the first 100 MB, with the JIT still compiling (what a just-started worker does).
        double cold = scan(classifier, piece);
        double grepCold = grep(file);
        System.out.printf("text scan, first 100 MB (cold JVM): classifier %.1f MB/s (all detectors) | grep -c -P (NINO only, %s lines) %.1f MB/s | ratio %.2f%n",
                cold, grepCount(file), grepCold, cold / grepCold);
        // Warm, as JMH measures: warm-up iterations first (a gateway or classifier worker is
        // long-lived), then five rounds of 100 MB, each beside a grep run over the same file, so
        // that a slower moment of a shared machine touches both sides. Medians are reported.
        for (int i = 0; i < 3; i++) {
            scan(classifier, piece);
        }
        double[] ours = new double[5];
        double[] theirs = new double[5];
        double[] ratios = new double[5];
        for (int r = 0; r < 5; r++) {
            theirs[r] = grep(file);
            ours[r] = scan(classifier, piece);
            ratios[r] = ours[r] / theirs[r];
        }
        System.out.printf("text scan, warm (median of 5 x 100 MB after 300 MB warm-up): classifier %.1f MB/s | grep -c -P %.1f MB/s | ratio %.2f (target >= 0.33)%n",
                median(ours), median(theirs), median(ratios));
        System.out.printf("  rounds: classifier %s | grep %s%n", java.util.Arrays.toString(round(ours)), java.util.Arrays.toString(round(theirs)));
        // For scale, not the target: real mail is rarely pure ASCII (curly quotes, dashes, accents),
        // and such text is normalised first. The same text with a curly apostrophe in about half the lines:
        String typographic = piece.replace("thanks ", "thanks \u2019 ");
        scan(classifier, typographic);
        System.out.printf("text scan, warm, same text with a curly quote in half the lines: classifier %.1f MB/s%n",
                scan(classifier, typographic));

        latency(classifier, "20 KB message", message(text(20 * 1024, new Random(1)), null, null, null));
        latency(classifier, "2 MB PDF attachment", message("See the attached report.", pdf(2 * 1024 * 1024), "report.pdf", "application/pdf"));
        latency(classifier, "2 MB DOCX attachment", message("See the attached notes.", docx(2 * 1024 * 1024), "notes.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    /** MB/s of the detector pass over 100 pieces of 1 MB. */
    static double scan(Classifier classifier, String piece) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            classifier.classifyText(piece);
        }
        return 100 / ((System.nanoTime() - t0) / 1e9);
    }

    /** MB/s of grep -c -P with the NINO pattern over the 100 MB file. */
    static double grep(Path file) throws Exception {
        long t0 = System.nanoTime();
        grepCount(file);
        return 100 / ((System.nanoTime() - t0) / 1e9);
    }

    static String grepCount(Path file) throws Exception {
        Process grep = new ProcessBuilder("grep", "-c", "-P", NINO_PCRE, file.toString()).redirectErrorStream(true).start();
        String count = new String(grep.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        grep.waitFor();
        return count;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    static double[] round(double[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(values[i]);
        }
        return v;
    }

    static void latency(Classifier classifier, String name, byte[] message) {
        // warm, like the text scan: at least three runs and two seconds first, then at least ten
        // runs and two seconds measured (a 20 KB message takes about a millisecond, so a handful of
        // runs would time the JIT, not the classifier)
        long warm = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
            classifier.classify(message);
        }
        int n = 0;
        long t0 = System.nanoTime();
        do {
            classifier.classify(message);
            n++;
        } while (n < 10 || System.nanoTime() - t0 < 2_000_000_000L);
        System.out.printf("latency: %-22s %8.1f ms per message (%d bytes, mean of %d)%n", name, (System.nanoTime() - t0) / 1e6 / n,
                message.length, n);
    }

    /** Business prose with numbers of many shapes and, now and then, a NINO or NHS number. */
    static String text(int size, Random r) {
        String[] words = {"invoice", "meeting", "report", "council", "budget", "order", "team", "please", "review",
            "attached", "Friday", "reference", "housing", "school", "transport", "phone", "call", "thanks", "the", "and"};
        StringBuilder b = new StringBuilder(size + 200);
        while (b.length() < size) {
            for (int i = 0; i < 12; i++) {
                b.append(words[r.nextInt(words.length)]).append(' ');
            }
            switch (r.nextInt(6)) {
                case 0 -> b.append("invoice ").append(100000 + r.nextInt(900000));
                case 1 -> b.append("tel 01522 ").append(100000 + r.nextInt(900000));
                case 2 -> b.append("NI number AB ").append(10 + r.nextInt(89)).append(' ').append(10 + r.nextInt(89))
                        .append(' ').append(10 + r.nextInt(89)).append(" C");
                case 3 -> b.append("NHS 943 476 5919");
                default -> b.append("ref ").append(r.nextInt(99999));
            }
            b.append(".\n");
        }
        return b.toString();
    }

    static byte[] pdf(int size) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Random r = new Random(3);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            while (true) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(font, 8);
                    s.newLineAtOffset(30, 760);
                    for (String line : text(6000, r).split("\n")) {
                        s.showText(line.length() > 160 ? line.substring(0, 160) : line);
                        s.newLineAtOffset(0, -10);
                    }
                    s.endText();
                }
                if (doc.getNumberOfPages() % 20 == 0) {
                    out.reset();
                    doc.save(out);
                    if (out.size() >= size) {
                        return out.toByteArray();
                    }
                }
            }
        }
    }

    static byte[] docx(int size) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Random r = new Random(5);
            while (true) {
                for (int i = 0; i < 200; i++) {
                    doc.createParagraph().createRun().setText(text(800, r).replace('\n', ' '));
                }
                out.reset();
                doc.write(out);
                if (out.size() >= size) {
                    return out.toByteArray();
                }
            }
        }
    }

    static byte[] message(String body, byte[] attachment, String name, String type) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("worker@council.example");
        m.setRecipients(MimeMessage.RecipientType.TO, "partner@partner.example");
        m.setSubject("Benchmark");
        if (attachment == null) {
            m.setText(body, "UTF-8");
        } else {
            MimeMultipart mp = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            mp.addBodyPart(text);
            MimeBodyPart att = new MimeBodyPart();
            att.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(attachment, type)));
            att.setFileName(name);
            att.setHeader("Content-Transfer-Encoding", "base64");
            mp.addBodyPart(att);
            m.setContent(mp);
        }
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
