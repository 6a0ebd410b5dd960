package org.mailgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.gateway.testing.SmtpConversation;
import org.mailgate.gateway.testing.TestGateway;
import org.mailgate.gateway.testing.TestSink;

/** When the spool cannot be written the answer is 451 4.3.0, never 250. */
class SpoolFailureTest {

    @TempDir
    Path dir;
    TestSink sink;
    TestGateway gw;
    Path mounted;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void answers451WhenTheSpoolFolderCannotBeWritten() throws Exception {
        sink = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(dir, sink.port(), sink.port()));
        Path tmp = dir.resolve("spool/tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "not a folder any more");
        try (SmtpConversation c = gw.ehlo()) {
            SmtpConversation.expect(c.command("MAIL FROM:<a@council.example>"), 250);
            SmtpConversation.expect(c.command("RCPT TO:<b@partner.example>"), 250);
            assertThat(c.command("DATA").text()).startsWith("451 4.3.0");
        }
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void answers451WhenTheDiskFillsUpDuringData() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", data.toString())
                .redirectErrorStream(true).start();
        boolean ok = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (System.getenv("CI") == null) {
            assumeTrue(ok, "needs root to mount a small tmpfs");
        }
        assertThat(ok).as("mount a 200k tmpfs (CI runs as root)").isTrue();
        mounted = data;
        sink = new TestSink();
        gw = TestGateway.start(TestGateway.yaml(data, sink.port(), sink.port(),
                "smtp:\n  listen: 127.0.0.1:0\n  max_message_bytes: 2MB\n"));
        String big = "Subject: big\r\n\r\n" + ("z".repeat(78) + "\r\n").repeat(5000);
        try (SmtpConversation c = gw.ehlo()) {
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), big).text()).startsWith("451 4.3.0");
            assertThat(c.sendMail("a@council.example", List.of("b@partner.example"), "Subject: small\r\n\r\nok\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(sink.received()).noneMatch(r -> r.text().contains("Subject: big"));
    }
}
