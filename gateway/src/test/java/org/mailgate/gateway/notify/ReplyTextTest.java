package org.mailgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    private static String of(String raw) throws Exception {
        return ReplyText.of(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void keepsTheSendersWordsAndDropsTheQuotedNotice() throws Exception {
        assertThat(of("Subject: Re: Held\r\n\r\nThe parent asked for this.\r\nCase 1234.\r\n\r\n"
                + "On Mon, 3 Mar 2025 at 10:15, Mail gateway <mailgate-quarantine@council.example>\r\n"
                + "wrote:\r\n> Your message has been held.\r\n> Reference: held item 7\r\n"))
                .isEqualTo("The parent asked for this.\nCase 1234.");
    }

    @Test
    void stopsAtOutlooksOriginalMessageBlock() throws Exception {
        assertThat(of("Subject: RE: Held\r\n\r\nNeeded for the court hearing.\r\n\r\n"
                + "________________________________\r\nFrom: Mail gateway <mailgate-quarantine@council.example>\r\n"
                + "Sent: 03 March 2025 10:15\r\nSubject: Held for review\r\n\r\nYour message has been held.\r\n"))
                .isEqualTo("Needed for the court hearing.");
        assertThat(of("Subject: RE: Held\r\n\r\nSee below\r\n-----Original Message-----\r\nFrom: x\r\n"))
                .isEqualTo("See below");
    }

    @Test
    void readsThePlainPartOfAnAlternativeAndTheTextOfHtmlOnly() throws Exception {
        String alternative = "Subject: Re\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nfalse positive: those are case numbers\r\n"
                + "--b\r\nContent-Type: text/html\r\n\r\n<p>false positive</p>\r\n--b--\r\n";
        assertThat(of(alternative)).isEqualTo("false positive: those are case numbers");
        String html = "Subject: Re\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{}</style></head><body><p>Fish &amp; chips</p><p>second<br>line</p>"
                + "<div id=\"divRplyFwdMsg\"><b>From:</b> Mail gateway</div><p>Your message has been held</p></body></html>";
        assertThat(of(html)).isEqualTo("Fish & chips\nsecond\nline");
    }

    @Test
    void capsAVeryLongReply() throws Exception {
        assertThat(of("Subject: Re\r\n\r\n" + "word ".repeat(2000) + "\r\n")).hasSize(ReplyText.MAX_CHARS);
    }
}
