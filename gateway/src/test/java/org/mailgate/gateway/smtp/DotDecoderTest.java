package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The DATA decoder on its own, with reads split at every possible byte boundary. */
class DotDecoderTest {

    private record Decoded(String content, String rest, ContentChecker.Problem problem) {
    }

    /** An input that hands out at most {@code chunk} bytes per read, to cross block boundaries. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static Decoded decode(String wire, int chunk) throws IOException {
        BufferedInputStream in = new BufferedInputStream(trickle(wire.getBytes(StandardCharsets.ISO_8859_1), chunk), 8192);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentChecker checker = new ContentChecker(out, 1_000_000, 100_000);
        Deadline deadline = new Deadline(new Socket(), Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMinutes(1));
        new DotDecoder().transfer(in, checker, deadline);
        return new Decoded(out.toString(StandardCharsets.ISO_8859_1),
                new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), checker.problem());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8192})
    void endsAtCrlfDotCrlfAndLeavesWhatFollowsForTheNextCommand(int chunk) throws IOException {
        Decoded d = decode("Subject: a\r\n\r\nbody\r\n.\r\nMAIL FROM:<x@y>\r\n", chunk);
        assertThat(d.content()).isEqualTo("Subject: a\r\n\r\nbody\r\n");
        assertThat(d.rest()).isEqualTo("MAIL FROM:<x@y>\r\n");
        assertThat(d.problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8192})
    void removesOneLeadingDotFromEachLine(int chunk) throws IOException {
        Decoded d = decode("..\r\n...x\r\n.y\r\nz.\r\n.\r\n", chunk);
        assertThat(d.content()).isEqualTo(".\r\n..x\r\ny\r\nz.\r\n");
    }

    @Test
    void anEmptyMessageIsJustTheDot() throws IOException {
        assertThat(decode(".\r\nQUIT\r\n", 8192)).isEqualTo(new Decoded("", "QUIT\r\n", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\n.\nb", "a\r.\rb", "a\r\n.\nb", "a\n.\r\nb", "a\r.\r\nb", "a\r\n.\rb"})
    void flagsEveryLoneDotWithABareLineEnding(String body) throws IOException {
        for (int chunk : new int[] {1, 2, 8192}) {
            Decoded d = decode(body + "\r\n.\r\n", chunk);
            assertThat(d.problem()).as("chunk %d", chunk).isEqualTo(ContentChecker.Problem.BARE_LINE_ENDING);
            assertThat(d.rest()).isEmpty();
        }
    }

    @Test
    void bareLineEndingsAwayFromDotsAreData() throws IOException {
        Decoded d = decode("a\nb\rc\n.x\r\n.\r\n", 1);
        assertThat(d.problem()).isNull();
        assertThat(d.content()).isEqualTo("a\nb\rc\n.x\r\n");
    }

    @Test
    void reportsAClientThatHangsUpBeforeTheEnd() {
        assertThatThrownBy(() -> decode("Subject: cut\r\n\r\nno end", 3)).isInstanceOf(EOFException.class);
    }

    @Test
    void keepsEightBitBytesExactly() throws IOException {
        String eightBit = "caf\u00e9 \u00ff\u0000\u0080\r\n";
        assertThat(decode(eightBit + ".\r\n", 1).content()).isEqualTo(eightBit);
    }
}
