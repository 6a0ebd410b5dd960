package org.mailgate.classifier;

import static org.mailgate.classifier.Fixtures.utf8;

import java.util.Map;

/**
 * The ways a text reaches the detectors: each placement wraps the same text into a message in
 * its own way (a body in a transfer encoding, an Outlook HTML body with signature and disclaimer,
 * an attached document, a forwarded message, a zip, the quoted history of a reply).
 */
enum Placement {
    PLAIN, QUOTED_PRINTABLE, BASE64, OUTLOOK_HTML, PDF, DOCX, FORWARDED, ZIP, QUOTED_REPLY;

    static final String DISCLAIMER = "This email and any attachments are confidential and intended solely for the addressee. "
            + "If you have received it in error please notify the sender and delete it. Lincoln City Council, City Hall, "
            + "Beaumont Fee, Lincoln LN1 1DD. Switchboard 01522 881188.";

    byte[] message(String subject, String text) {
        Fixtures.Mail m = Fixtures.mail().subject(subject).from("officer@council.example").to("partner@agency.example");
        return switch (this) {
            case PLAIN -> m.text(text).bytes();
            case QUOTED_PRINTABLE -> m.header("Content-Transfer-Encoding", "quoted-printable").text(text).bytes();
            case BASE64 -> m.header("Content-Transfer-Encoding", "base64").text(text).bytes();
            case OUTLOOK_HTML -> m.html(outlookHtml(text)).bytes();
            case PDF -> m.text("Please see the attached note.").attach("note.pdf", "application/pdf", Fixtures.pdf(text)).bytes();
            case DOCX -> m.text("Note attached.").attach("note.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Fixtures.docx(text.split("\n"))).bytes();
            case FORWARDED -> m.subject("FW: " + subject).text("Forwarding for your records.")
                    .attach("original.eml", "message/rfc822", Fixtures.mail().subject(subject).text(text).bytes()).bytes();
            case ZIP -> m.text("Zipped as it is large.").attach("case-notes.zip", "application/zip",
                    Fixtures.zip(Map.of("notes/note.txt", utf8(text)))).bytes();
            case QUOTED_REPLY -> m.subject("RE: " + subject).text("Thanks, noted. I'll pick this up tomorrow.\n\n"
                    + "-----Original Message-----\nFrom: Duty Desk\nSent: 03 December 2026 09:12\nSubject: " + subject + "\n\n"
                    + quote(text)).bytes();
        };
    }

    /** The text as Outlook writes HTML: MsoNormal paragraphs, a signature table and a disclaimer. */
    static String outlookHtml(String text) {
        StringBuilder b = new StringBuilder("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
                + "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;} --></style>"
                + "</head><body lang=EN-GB link=\"#0563C1\"><div class=WordSection1>");
        for (String paragraph : text.split("\n\n")) {
            b.append("<p class=MsoNormal>").append(escape(paragraph).replace("\n", "<br>\n")).append("<o:p></o:p></p>\n")
                    .append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n");
        }
        b.append("<table class=MsoNormalTable><tr><td><p class=MsoNormal><b>Sam Ellis</b><br>Customer Services Officer<br>"
                + "Lincoln City Council | City Hall, Beaumont Fee, Lincoln LN1 1DD<br>Tel: 01522 873355 | Mobile: 07912 345678</p>"
                + "</td></tr></table><p class=MsoNormal style='font-size:8pt'>").append(escape(DISCLAIMER))
                .append("</p></div></body></html>");
        return b.toString();
    }

    static String quote(String text) {
        return "> " + text.replace("\n", "\n> ");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
