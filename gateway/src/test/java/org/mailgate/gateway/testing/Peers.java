package org.mailgate.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real programs tests talk to (swaks, Postfix via scripts/postfix-lab.sh). A missing
 * program skips the test on a developer machine but fails it in CI (when CI is set).
 */
public final class Peers {

    private Peers() {
    }

    public record Result(int exit, String output) {
    }

    public static void require(String program, boolean needsRoot) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", program)) || Files.isExecutable(Path.of("/usr/sbin", program));
        boolean root = !needsRoot || "root".equals(System.getProperty("user.name"));
        if (System.getenv("CI") != null) {
            if (!present || !root) {
                throw new AssertionError(program + " is required in CI (installed by .ci/run)" + (root ? "" : " and root"));
            }
        }
        assumeTrue(present && root, program + " not installed (or not root); .ci/run installs it");
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The project root (where scripts/ lives), found from the test's working directory. */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/postfix-lab.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find scripts/postfix-lab.sh above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static Result postfixLab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(projectRoot().resolve("scripts/postfix-lab.sh").toString());
        cmd.addAll(List.of(args));
        return run(cmd);
    }
}
