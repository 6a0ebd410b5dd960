package org.mailgate.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of the SMTP parsers with Jazzer. In the normal test run each target
 * replays its committed inputs (src/test/resources/.../SmtpFuzzTestInputs); `bench/faults/fuzz.sh`
 * (and CI) fuzz each for a bounded time with JAZZER_FUZZ=1.
 */
class SmtpFuzzTest {

    /** The deadline only arms timeouts on it; one unconnected socket serves every run. */
    private static final Socket SOCKET = new Socket();

    /** An envelope address never carries what could break a header, a log line or a command. */
    @FuzzTest(maxDuration = "30s")
    void pathsNeverLetInjectionThrough(FuzzedDataProvider data) {
        boolean allowNull = data.consumeBoolean();
        String argument = data.consumeRemainingAsString();
        try {
            SmtpPath p = SmtpPath.parse(argument, allowNull);
            assertThat(p.address()).doesNotContain("\r", "\n", "\0");
            if (!p.address().startsWith("\"")) { // a quoted local part may hold spaces and brackets (RFC 5321 4.1.2)
                assertThat(p.address()).doesNotContain(" ", "<", ">", "\t");
            }
            assertThat(p.address().isEmpty() || p.address().contains("@")).isTrue();
            assertThat(p.address().length()).isLessThanOrEqualTo(SmtpPath.MAX_LOCAL_PART + 1 + SmtpPath.MAX_DOMAIN);
            p.parameters().forEach((k, v) -> assertThat(k + v).doesNotContain("\r", "\n"));
        } catch (SmtpPath.SyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /**
     * DATA decoding agrees with a plain reference decoder on every input and every way of
     * splitting it into reads; anything smuggled is reported as a problem, never passed on.
     */
    @FuzzTest(maxDuration = "30s")
    void dataDecodingMatchesTheReference(FuzzedDataProvider data) throws IOException {
        int chunk = data.consumeInt(1, 64);
        byte[] body = data.consumeRemainingAsBytes();
        byte[] wire = new byte[body.length + 5];
        System.arraycopy(body, 0, wire, 0, body.length);
        System.arraycopy(new byte[] {'\r', '\n', '.', '\r', '\n'}, 0, wire, body.length, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentChecker checker = new ContentChecker(out, 10_000_000, 1_000_000);
        new DotDecoder().transfer(new BufferedInputStream(trickle(wire, chunk), 8192), checker,
                new Deadline(SOCKET, Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMinutes(1)));
        if (checker.problem() == null) {
            assertThat(out.toByteArray()).isEqualTo(reference(wire));
        }
    }

    /** RFC 5321 4.5.2 read literally: lines end at CRLF; "." alone ends; a leading "." is removed. */
    static byte[] reference(byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lineStart = 0;
        for (int i = 0; i + 1 < wire.length; i++) {
            if (wire[i] == '\r' && wire[i + 1] == '\n') {
                int len = i - lineStart;
                if (len == 1 && wire[lineStart] == '.') {
                    return out.toByteArray();
                }
                int from = wire[lineStart] == '.' && len > 0 ? lineStart + 1 : lineStart;
                out.write(wire, from, i + 2 - from);
                lineStart = i + 2;
                i++;
            }
        }
        throw new IllegalStateException("no end of data");
    }

    private static InputStream trickle(byte[] data, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
