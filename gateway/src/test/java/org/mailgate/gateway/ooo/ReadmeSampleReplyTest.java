package org.mailgate.gateway.ooo;

import org.mailgate.gateway.mail.MessageHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mailgate.gateway.testing.Peers;

/**
 * The sample reply in README.md is what the code writes for the README's leave entry: if the
 * template or the headers change, this fails and prints the new sample to paste in.
 */
class ReadmeSampleReplyTest {

    @Test
    void theReadmeShowsTheReplyTheGatewayWrites() throws Exception {
        LeavePeriod jane = new LeavePeriod(0, "jane.smith@council.example", LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 8),
                "Sam Jones, 01632 960123, sam.jones@council.example",
                "I am at the regional planning conference with limited access to e-mail.", "", "",
                LeavePeriod.Source.FILE, "leave file", Instant.EPOCH);
        MessageHeaders original = MessageHeaders.read(new ByteArrayInputStream(("From: Alice <alice@partner.example>"
                + "\r\nTo: Jane Smith <jane.smith@council.example>\r\nSubject: Planning application 26/0412\r\n"
                + "Message-ID: <7731@partner.example>\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        AutoReplies replies = new AutoReplies(ReplyTemplate.defaults(), "Auto: ",
                Clock.fixed(Instant.parse("2026-12-02T10:15:30Z"), ZoneOffset.UTC), "mailgate.council.example",
                () -> "5f0c3a9e-8d1b-4c55-9a43-7e2f61b0d2aa");

        String sample = new String(replies.compose(jane, "alice@partner.example", original, false),
                StandardCharsets.UTF_8).replace("\r\n", "\n");

        String readme = Files.readString(Peers.projectRoot().resolve("README.md"));
        assertThat(readme).as("README.md, section 'What a reply looks like'").contains("```\n" + sample + "```\n");
    }
}
