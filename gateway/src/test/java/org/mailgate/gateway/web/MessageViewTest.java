package org.mailgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** How a held message is turned into something safe to show: real MIME through mime4j, real sanitiser. */
class MessageViewTest {

    private static MessageView read(String message) throws IOException {
        return MessageView.read(stream(message));
    }

    private static InputStream stream(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileHtmlIsShownWithoutScriptsHandlersRemoteImagesStylesFormsOrLiveLinks() throws IOException {
        MessageView v = read("From: a@council.example\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p onclick=\"alert(1)\" style=\"background:url(http://tracker.example/s)\">Dear <b>Sam</b></p>"
                + "<script>alert(2)</script><style>p{background:url(http://tracker.example/c)}</style>"
                + "<img src=\"http://tracker.example/pixel.gif\" onerror=\"alert(3)\" alt=\"logo\">"
                + "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"inline\">"
                + "<a href=\"javascript:alert(4)\">click</a> <a href=\"https://phish.example/login\">sign in</a>"
                + "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data link</a>"
                + "<form action=\"http://evil.example/steal\"><input name=\"pw\"><button>Go</button></form>"
                + "<iframe src=\"http://evil.example/frame\"></iframe><svg onload=\"alert(5)\"></svg>"
                + "<table><tr><td colspan=\"2\">cell</td></tr></table>");
        assertThat(v.bodies()).hasSize(1);
        assertThat(v.bodies().get(0).html()).isTrue();
        String html = v.bodies().get(0).content();
        assertThat(html).contains("Dear <b>Sam</b>", "cell", "src=\"data:image/png;base64,iVBORw0KGgo",
                "title=\"Link (not followed): https://phish.example/login\"", "sign in");
        assertThat(html.toLowerCase()).doesNotContain("<script", "alert(", "onclick", "onerror", "onload", "style",
                "javascript:", "tracker.example", "<form", "<input", "<iframe", "<svg", "href=", "evil.example",
                "data:text/html");
    }

    @Test
    void plainTextIsKeptAsTextForTheTemplateToEscape() throws IOException {
        MessageView v = read("Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?=\r\nFrom: Jo <jo@council.example>\r\n\r\n"
                + "<script>alert(1)</script> NI AB 12 34 56 C\r\n");
        assertThat(v.headers()).extracting(Views.Fact::value).contains("Résumé", "Jo <jo@council.example>");
        assertThat(v.bodies()).singleElement().satisfies(b -> {
            assertThat(b.html()).isFalse();
            assertThat(b.content()).contains("<script>alert(1)</script> NI AB 12 34 56 C");
        });
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void alternativesShowTheHtmlAndAttachmentsAreListedAndDownloadable() throws IOException {
        byte[] pdf = "%PDF-1.4 fake report".getBytes(StandardCharsets.US_ASCII);
        String message = "Subject: report\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
                + "--a\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n--a--\r\n"
                + "--m\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--m--\r\n";
        MessageView v = read(message);
        assertThat(v.bodies()).extracting(MessageView.Body::content).containsExactly("<p>html version</p>");
        assertThat(v.attachments()).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(1);
            assertThat(a.name()).isEqualTo("report.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MessageView.attachment(stream(message), 1, name -> out)).contains("report.pdf");
        assertThat(out.toByteArray()).isEqualTo(pdf);
        assertThat(MessageView.attachment(stream(message), 2, name -> out)).isEmpty();
    }

    @Test
    void malformedMimeShowsWhatCanBeReadAndSaysWhatCouldNot() throws IOException {
        String message = "Subject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nreadable despite the charset\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-bogus\r\n\r\nbogus encoding text\r\n"
                + "--b\r\nContent-Type: ???\r\n\r\nmystery\r\n"
                + "--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n";
        MessageView v = read(message);
        assertThat(v.bodies()).extracting(MessageView.Body::content).anySatisfy(c ->
                assertThat(c).contains("readable despite the charset"));
        assertThat(v.problems()).isNotEmpty();
        assertThat(String.join(" ", v.problems())).contains("could not be");
    }

    @Test
    void aMultipartWithoutItsPartsStillShowsItsText() throws IOException {
        MessageView v = read("Subject: x\r\nContent-Type: multipart/mixed\r\n\r\njust some text, no boundary at all\r\n");
        assertThat(v.bodies()).extracting(MessageView.Body::content)
                .anySatisfy(c -> assertThat(c).contains("just some text"));
        assertThat(v.problems()).isNotEmpty();
    }

    @Test
    void anAttachedMessageIsOneAttachmentAndAnAlternativeWithRelatedPartsShowsItsHtml() throws IOException {
        String message = "Subject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                + "--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--a\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/html\r\n\r\n<p>rich</p>\r\n"
                + "--r\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\n\r\nPNG\r\n--r--\r\n--a--\r\n"
                + "--m\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: inner\r\nContent-Type: text/plain\r\n\r\ninner body\r\n--m--\r\n";
        MessageView v = read(message);
        assertThat(v.bodies()).extracting(MessageView.Body::content).containsExactly("<p>rich</p>");
        assertThat(v.attachments()).extracting(MessageView.Attachment::name)
                .containsExactly("attachment-1", "attached-message-2.eml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MessageView.attachment(stream(message), 2, name -> out)).contains("attached-message-2.eml");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Subject: inner", "inner body");
    }

    @Test
    void attachmentNamesCannotBreakTheDownloadHeader() {
        String h = MessageRoutes.contentDisposition("evil\"\r\nSet-Cookie: x=1/../räport.pdf");
        assertThat(h).startsWith("attachment; filename=\"").doesNotContain("\r", "\n", "/", "\"\r");
        assertThat(h.substring(h.indexOf('"') + 1, h.lastIndexOf('"'))).doesNotContain("\"");
        assertThat(h).contains("filename*=UTF-8''evil%22Set-Cookie%3A%20x%3D1_.._r%C3%A4port.pdf");
    }
}
