package org.mailgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private Envelope envelope(String qid) {
        return new Envelope(qid, "a@council.example", List.of("b@partner.example"), Instant.parse("2026-11-29T10:00:00Z"),
                "127.0.0.1", "client", null, false, false, Envelope.Origin.SMTP);
    }

    @Test
    void keepsEnvelopeAndExactBytesAcrossARestart() throws Exception {
        Spool spool = new Spool(dir);
        byte[] body = "Subject: x\r\n\r\n\u00e9\u0000\r\n".getBytes(StandardCharsets.UTF_8);
        spool.submit(envelope("000000000000AAAA"), body);
        Spool reopened = new Spool(dir);
        List<SpoolEntry> entries = reopened.recover();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.envelope()).isEqualTo(envelope("000000000000AAAA"));
            assertThat(e.size()).isEqualTo(body.length);
            assertThat(e.state()).isEmpty();
        });
        try (var in = reopened.openOriginal("000000000000AAAA")) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void recoveryDropsHalfWrittenFilesAndLeftovers() throws Exception {
        Spool spool = new Spool(dir);
        SpoolWriter w = spool.create(envelope("000000000000BBBB"));
        w.content().write("partial".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("spool/queue/0000000000000CCCC.state"), "{}");
        List<SpoolEntry> entries = new Spool(dir).recover();
        assertThat(entries).isEmpty();
        assertThat(dir.resolve("spool/tmp")).isEmptyDirectory();
        assertThat(dir.resolve("spool/queue")).isEmptyDirectory();
    }

    @Test
    void savesStateAtomicallyAndRemovesEverythingOfAMessage() throws Exception {
        Spool spool = new Spool(dir);
        spool.submit(envelope("000000000000DDDD"), "x\r\n".getBytes(StandardCharsets.US_ASCII));
        DeliveryState state = new DeliveryState(List.of(RecipientState.pending("b@partner.example", "original", true, "why")));
        spool.saveState("000000000000DDDD", state);
        spool.writeCopy("000000000000DDDD", "smime", new byte[] {1, 2, 3});
        assertThat(spool.loadState("000000000000DDDD")).contains(state);
        assertThat(spool.contentSize("000000000000DDDD", "smime")).isEqualTo(3);
        spool.remove("000000000000DDDD");
        assertThat(dir.resolve("spool/queue")).isEmptyDirectory();
    }

    @Test
    void queueIdsSortByArrivalAndLookLikeQueueIds() {
        QueueIds ids = new QueueIds(java.time.Clock.systemUTC());
        String a = ids.next();
        String b = ids.next();
        assertThat(a).matches("[0-9A-Z]{16}");
        assertThat(QueueIds.isValid(a)).isTrue();
        assertThat(QueueIds.isValid("../../etc/passwd")).isFalse();
        assertThat(a.substring(0, 11)).isLessThanOrEqualTo(b.substring(0, 11));
    }
}
