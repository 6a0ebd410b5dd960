package org.mailgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.classifier.Fixtures.mail;
import static org.mailgate.classifier.Fixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractionTest {
    private static final String NINO_TEXT = "National Insurance number AB 12 34 56 C";
    private final Classifier classifier = new Classifier(ClassifierSettings.defaults());

    private Classification classify(byte[] message) throws IOException {
        return classifier.classify(new ByteArrayInputStream(message));
    }

    private static void assertNinoAt(Classification c, String location) {
        Finding f = c.finding(FindingType.UK_NINO);
        assertThat(f).as("NINO finding in %s", c).isNotNull();
        assertThat(f.locations()).contains(location);
        assertThat(c.level()).isEqualTo(Level.HIGH);
        assertThat(c.unscannable()).isEmpty();
    }

    @Test
    void plainBodySubjectAndHtmlAlternative() throws IOException {
        Classification c = classify(mail().subject("Re: claim for AB123456C, NI number").text("see subject").bytes());
        assertNinoAt(c, "subject");
        c = classify(mail().subject("Hello").text("Hi").html("<p>Our <b>NI number</b>: AB&nbsp;12&nbsp;34&nbsp;56&nbsp;C</p>").bytes());
        assertNinoAt(c, "body");
    }

    @Test
    void quotedPrintableLatin1Body() throws IOException {
        String raw = "From: a@b.example\r\nTo: c@d.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Caf=E9 National Insurance n=\r\number AB=2012 34 56 C\r\n";
        assertNinoAt(classify(raw.getBytes(StandardCharsets.ISO_8859_1)), "body");
    }

    @Test
    void documentFormats() throws IOException {
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("form.docx", Fixtures.docx("Employee details", NINO_TEXT));
        docs.put("staff.xlsx", Fixtures.xlsx(new String[] {"Name", "National Insurance"}, new String[] {"J Smith", "AB123456C"}));
        docs.put("legacy.xls", Fixtures.xls(new String[] {"Name", "National Insurance"}, new String[] {"J Smith", "AB123456C"}));
        docs.put("slides.pptx", Fixtures.pptx(NINO_TEXT));
        docs.put("letter.pdf", Fixtures.pdf("Dear Sir\n" + NINO_TEXT));
        docs.put("letter.rtf", Fixtures.rtf(NINO_TEXT));
        docs.put("letter.odt", Fixtures.odt(NINO_TEXT));
        docs.put("list.csv", utf8("name,national insurance\nJ Smith,AB123456C\n"));
        docs.put("page.html", utf8("<html><body><p>" + NINO_TEXT + "</p></body></html>"));
        docs.put("notes.txt", utf8(NINO_TEXT));
        docs.put("referral.msg", Fixtures.msg("Referral", NINO_TEXT));
        for (Map.Entry<String, byte[]> d : docs.entrySet()) {
            Classification c = classify(mail().subject("docs").text("attached").attach(d.getKey(), "application/octet-stream", d.getValue()).bytes());
            assertNinoAt(c, "attachment:" + d.getKey());
        }
    }

    @Test
    void nestedMessageAndZipPaths() throws IOException {
        byte[] inner = mail().subject("inner").text("fwd").attach("inner.docx", "application/octet-stream", Fixtures.docx(NINO_TEXT)).bytes();
        Classification c = classify(mail().subject("fw").text("see attached").attach("forwarded.eml", "message/rfc822", inner).bytes());
        assertNinoAt(c, "attachment:forwarded.eml/inner.docx");

        Map<String, byte[]> innerZip = Map.of("deep/inner.docx", Fixtures.docx(NINO_TEXT));
        byte[] outer = Fixtures.zip(Map.of("inner.zip", Fixtures.zip(innerZip), "readme.txt", utf8("nothing here")));
        c = classify(mail().subject("zip").text("x").attach("outer.zip", "application/zip", outer).bytes());
        assertNinoAt(c, "attachment:outer.zip/inner.zip/deep/inner.docx");

        // Outlook's rich-text mail: the attachments travel inside winmail.dat
        c = classify(mail().subject("tnef").text("x").attach("winmail.dat", "application/ms-tnef",
                Fixtures.tnef("notes.txt", utf8(NINO_TEXT))).bytes());
        assertNinoAt(c, "attachment:winmail.dat/notes.txt");
    }

    @Test
    void attachmentFileNameIsScanned() throws IOException {
        Classification c = classify(mail().subject("x").text("x")
                .attach("NI number AB123456C.txt", "text/plain", utf8("nothing")).bytes());
        assertThat(c.finding(FindingType.UK_NINO)).isNotNull();
    }

    @Test
    void encryptedPdfIsUnscannableAndHigh() throws IOException {
        Classification c = classify(mail().subject("x").text("x")
                .attach("report.pdf", "application/pdf", Fixtures.pdf("secret stuff", "pw")).bytes());
        assertThat(c.unscannable()).containsExactly("attachment:report.pdf: encrypted");
        assertThat(c.finding(FindingType.UNSCANNABLE_ATTACHMENT)).isNotNull();
        assertThat(c.level()).isEqualTo(Level.HIGH);
        assertThat(c.sensitive()).isTrue();
    }

    @Test
    void encryptedOfficeDocumentIsUnscannable() throws IOException {
        byte[] enc = Fixtures.encryptOoxml(Fixtures.docx("hidden"), "pw");
        Classification c = classify(mail().subject("x").text("x").attach("locked.docx", "application/octet-stream", enc).bytes());
        assertThat(c.unscannable()).containsExactly("attachment:locked.docx: encrypted");
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void passwordProtectedZipIsUnscannable() throws IOException {
        byte[] z = Fixtures.passwordProtectedZip(Map.of("payroll.csv", utf8("a,b")));
        Classification c = classify(mail().subject("x").text("x").attach("payroll.zip", "application/zip", z).bytes());
        assertThat(c.unscannable()).hasSize(1);
        assertThat(c.unscannable().get(0)).startsWith("attachment:payroll.zip").endsWith("encrypted (password-protected archive)");
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void corruptFilesAreUnscannable() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        byte[] fakePdf = utf8("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage");
        byte[] truncatedDocx = java.util.Arrays.copyOf(Fixtures.docx(NINO_TEXT), 700);
        byte[] fakeZip = new byte[200];
        fakeZip[0] = 'P';
        fakeZip[1] = 'K';
        fakeZip[2] = 3;
        fakeZip[3] = 4;
        for (Object[] t : new Object[][] {{"broken.pdf", fakePdf}, {"broken.docx", truncatedDocx}, {"broken.zip", fakeZip}}) {
            Classification c = classify(mail().subject("x").text("x").attach((String) t[0], "application/octet-stream", (byte[]) t[1]).bytes());
            assertThat(c.unscannable()).as((String) t[0]).anyMatch(u -> u.startsWith("attachment:" + t[0]));
            assertThat(c.level()).isEqualTo(Level.HIGH);
        }
    }

    @Test
    void zipBombIsStopped() throws IOException {
        byte[] bomb = Fixtures.zipBomb(64 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(200_000);
        long start = System.nanoTime();
        Classification c = classify(mail().subject("x").text("x").attach("bomb.zip", "application/zip", bomb).bytes());
        assertThat(c.unscannable()).containsExactly("attachment:bomb.zip: zip bomb (expansion ratio exceeded)");
        assertThat(c.level()).isEqualTo(Level.HIGH);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void nestedZipsDeeperThanTheLimitAreUnscannable() throws IOException {
        byte[] z = Fixtures.zip(Map.of("x.txt", utf8("hello")));
        for (int i = 0; i < 12; i++) {
            z = Fixtures.zip(Map.of("level" + i + ".zip", z));
        }
        Classification c = classify(mail().subject("x").text("x").attach("russian-doll.zip", "application/zip", z).bytes());
        assertThat(c.unscannable()).singleElement().asString().endsWith("nesting too deep");
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void tooManyArchiveEntries() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            many.put("f" + i + ".txt", utf8("x"));
        }
        Classifier small = new Classifier(ClassifierSettings.defaults().withMaxArchiveEntries(10));
        Classification c = small.classify(new ByteArrayInputStream(
                mail().subject("x").text("x").attach("many.zip", "application/zip", Fixtures.zip(many)).bytes()));
        assertThat(c.unscannable()).containsExactly("attachment:many.zip: too many archive entries");
    }

    @Test
    void extractedTextLimitFailsClosedButStillScansWhatItRead() throws IOException {
        Classifier small = new Classifier(ClassifierSettings.defaults().withMaxExtractedChars(200));
        String body = NINO_TEXT + "\n" + "filler text ".repeat(100);
        Classification c = small.classify(new ByteArrayInputStream(mail().subject("x").text(body).bytes()));
        assertThat(c.finding(FindingType.UK_NINO)).isNotNull();
        assertThat(c.unscannable()).contains("body: extracted text limit reached");
    }

    @Test
    void imagesAreSkippedNotUnscannable() throws IOException {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        Classification c = classify(mail().subject("Logo").text("Regards").attach("logo.png", "image/png", png).bytes());
        assertThat(c.level()).isEqualTo(Level.NONE);
    }

    @Test
    void garbageMessageNeverThrows() throws IOException {
        byte[] junk = new byte[10_000];
        new java.util.Random(1).nextBytes(junk);
        Classification c = classify(junk);
        assertThat(c).isNotNull();
        String badMime = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/pdf; name=a.pdf\r\n"
                + "Content-Transfer-Encoding: x-unknown\r\n\r\n%PDF-broken\r\n";
        c = classify(badMime.getBytes(StandardCharsets.US_ASCII));
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void tarGzIsReadThroughTikaWithTheSameLimits() throws IOException {
        byte[] docx = Fixtures.docx(NINO_TEXT);
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (var gz = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(bos);
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(gz)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("docs/form.docx");
            e.setSize(docx.length);
            tar.putArchiveEntry(e);
            tar.write(docx);
            tar.closeArchiveEntry();
        }
        Classification c = classify(mail().subject("x").text("x").attach("docs.tar.gz", "application/gzip", bos.toByteArray()).bytes());
        Finding f = c.finding(FindingType.UK_NINO);
        assertThat(f).as(c.toString()).isNotNull();
        assertThat(f.locations()).anyMatch(l -> l.startsWith("attachment:docs.tar.gz/") && l.endsWith("form.docx"));
    }

    @Test
    void inProcessTimeLimitMarksRemainingPartsUnscannable() throws IOException {
        Classifier hasty = new Classifier(ClassifierSettings.defaults().withMaxTimeMillis(1));
        Fixtures.Mail m = mail().subject("x").text("x");
        for (int i = 0; i < 5; i++) {
            m.attach("doc" + i + ".docx", "application/octet-stream", Fixtures.docx("page " + i));
        }
        Classification c = hasty.classify(new ByteArrayInputStream(m.bytes()));
        assertThat(c.unscannable()).anyMatch(u -> u.endsWith("time limit reached"));
        assertThat(c.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void anEncodedSubjectInAnUnknownCharsetIsStillScanned() {
        String word = "=?x-no-such-charset?B?" + java.util.Base64.getEncoder().encodeToString(
                "NI number AB 12 34 56 C".getBytes(StandardCharsets.UTF_8)) + "?=";
        assertThat(Extractor.decodeWord(word)).isEqualTo("NI number AB 12 34 56 C");
        assertThat(Extractor.decodeWord("=?x-no-such-charset?Q?Zo=C3=AB?= and =?bad?B?***?=")).startsWith("Zoë and");
    }
}
