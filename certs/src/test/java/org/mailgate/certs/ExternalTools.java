package org.mailgate.certs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real S/MIME peers (openssl, gpgsm) as external processes. */
final class ExternalTools {

    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    static final Path GPGSM = Path.of("/usr/bin/gpgsm");
    static final Path GPGCONF = Path.of("/usr/bin/gpgconf");

    record Result(int exit, String stdout, String stderr) {
        Result ok() {
            if (exit != 0) {
                fail("exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private ExternalTools() {
    }

    /** Skips the test when the tool is missing on a developer machine; fails when CI is set. */
    static void require(Path tool) {
        if (Files.isExecutable(tool)) {
            return;
        }
        String message = tool + " is not installed: interop test cannot run";
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set, so this is an error)");
        }
        Assumptions.abort(message);
    }

    static Result run(List<String> command, String stdin, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("tool-out", ".txt");
        Path err = Files.createTempFile("tool-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        try {
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), null, Map.of());
    }
}
