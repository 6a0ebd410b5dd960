package org.mailgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.Database;

/** {@code users add NAME --role ROLE --password-stdin} and {@code users list}, as README.md gives them. */
class UsersCliTest extends CliTestBase {

    @TempDir
    Path dir;

    private int runWithStdin(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void addsAccountsThatCanLogInAndListsThem() throws Exception {
        Path config = dir.resolve("gw.yaml");
        Files.writeString(config, "storage:\n  dir: " + dir + "\n");
        assertThat(runWithStdin("a reviewer's long password\n", "users", "add", "rita", "--role", "reviewer",
                "--password-stdin", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(runWithStdin("an auditor's long password\n", "users", "add", "alex", "--role", "AUDITOR",
                "--password-stdin", "--config", config.toString())).isZero();
        assertThat(runWithStdin("a staff member's long password\n", "users", "add", "jane.smith@council.example",
                "--role", "staff", "--password-stdin", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(runWithStdin("short\n", "users", "add", "sam", "--role", "admin", "--password-stdin",
                "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("at least 12 characters");
        assertThat(runWithStdin("long enough password\n", "users", "add", "sam", "--role", "boss", "--password-stdin",
                "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'boss' is not a role");
        out.reset();
        assertThat(run("users", "list", "--config", config.toString())).isZero();
        assertThat(out.toString()).containsPattern("alex\\s+auditor\\s+active").containsPattern("rita\\s+reviewer\\s+active")
                .containsPattern("jane\\.smith@council\\.example\\s+staff\\s+active")
                .doesNotContain("sam").doesNotContain("password");
        // Columns line up however long a name is (staff accounts are e-mail addresses).
        java.util.List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME");
        assertThat(lines).extracting(l -> l.indexOf("active") < 0 ? l.indexOf("STATE") : l.indexOf("active"))
                .containsOnly(lines.get(0).indexOf("STATE"));
        try (Database db = Database.open(new GatewayConfig.Storage(dir, "embedded", java.util.Optional.empty()))) {
            Users users = new Users(db, Clock.systemUTC(), 5, Duration.ofMinutes(1));
            assertThat(users.login("rita", "a reviewer's long password")).isEqualTo(Users.LoginResult.OK);
            assertThat(users.login("jane.smith@council.example", "a staff member's long password"))
                    .isEqualTo(Users.LoginResult.OK);
        }
    }

    @Test
    void listsTokensByNumberAndRevokesOne() throws Exception {
        Path config = dir.resolve("gw.yaml");
        Files.writeString(config, "storage:\n  dir: " + dir + "\n");
        String c = config.toString();
        assertThat(runWithStdin("a reviewer's long password\n", "users", "add", "rita", "--role", "reviewer",
                "--password-stdin", "--config", c)).isZero();
        out.reset();
        assertThat(run("users", "token", "rita", "--label", "nightly", "--config", c)).as(err.toString()).isZero();
        String token = out.toString().strip();
        assertThat(run("users", "token", "rita", "--label", "spare", "--config", c)).isZero();
        out.reset();
        assertThat(run("users", "token", "list", "rita", "--config", c)).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\d+)\\s+rita\\s+nightly").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        assertThat(out.toString()).doesNotContain(token);
        out.reset();
        assertThat(run("users", "token", "revoke", m.group(1), "--config", c)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("revoked API token " + m.group(1) + " of rita");
        assertThat(run("users", "token", "revoke", m.group(1), "--config", c)).isEqualTo(2);
        assertThat(err.toString()).contains("no API token number " + m.group(1));
        try (Database db = Database.open(new GatewayConfig.Storage(dir, "embedded", java.util.Optional.empty()))) {
            Users users = new Users(db, Clock.systemUTC(), 5, Duration.ofMinutes(1));
            assertThat(users.userForToken(token)).isEmpty();
            assertThat(users.tokens(java.util.Optional.of("rita"))).extracting(Users.ApiToken::label)
                    .containsExactly("spare");
        }
    }
}
