package org.mailgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.auth.Users.LoginResult;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.MutableClock;
import org.mailgate.gateway.testing.Parallel;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestDatabases.Kind;

class UsersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void locksAnAccountAfterRepeatedFailuresEvenForTheRightPassword(Kind kind) throws Exception {
        MutableClock clock = new MutableClock();
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, clock, 3, Duration.ofMinutes(15));
            users.add("rita", Role.REVIEWER, "correct horse battery");
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.OK);
            assertThat(users.login("nobody", "correct horse battery")).isEqualTo(LoginResult.BAD_CREDENTIALS);
            for (int i = 0; i < 3; i++) {
                assertThat(users.login("rita", "wrong password " + i)).isEqualTo(LoginResult.BAD_CREDENTIALS);
            }
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.LOCKED);
            clock.advance(Duration.ofMinutes(16));
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.OK);
            users.setDisabled("rita", true);
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.BAD_CREDENTIALS);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void apiTokensAreStoredHashedAndStopWithTheAccount(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, new MutableClock(), 5, Duration.ofMinutes(15));
            users.add("script", Role.AUDITOR, "a long enough password");
            String token = users.createToken("script", "nightly export");
            assertThat(users.userForToken(token)).map(Users.User::role).contains(Role.AUDITOR);
            assertThat(users.userForToken(token + "x")).isEmpty();
            try (var c = db.connection(); var rs = c.createStatement().executeQuery("SELECT token_hash FROM api_token")) {
                rs.next();
                assertThat(rs.getString(1)).isNotEqualTo(token).hasSize(64);
            }
            users.setDisabled("script", true);
            assertThat(users.userForToken(token)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refusesShortPasswordsAndOddNames(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, new MutableClock(), 5, Duration.ofMinutes(15));
            assertThatThrownBy(() -> users.add("rita", Role.ADMIN, "short")).hasMessageContaining("at least 12");
            assertThatThrownBy(() -> users.add("<script>", Role.ADMIN, "long enough password"))
                    .hasMessageContaining("user name");
        }
    }

    /**
     * 30 wrong passwords at once for one account: only five are checked against its hash (the
     * rest find it locked), and the right password sent after them is refused until the lock ends.
     * (AttackSuiteTest sends the 100 over HTTP.)
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBurstOfParallelWrongLoginsGetsOnlyFiveChecked(Kind kind) throws Exception {
        MutableClock clock = new MutableClock();
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, clock, 5, Duration.ofMinutes(15));
            users.add("rita", Role.REVIEWER, "correct horse battery");
            List<LoginResult> results = Parallel.all(30, i -> users.login("rita", "wrong guess " + i));
            assertThat(results).filteredOn(r -> r == LoginResult.BAD_CREDENTIALS).hasSize(5);
            assertThat(results).filteredOn(r -> r == LoginResult.LOCKED).hasSize(25);
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.LOCKED);
            clock.advance(Duration.ofMinutes(16));
            assertThat(users.login("rita", "correct horse battery")).isEqualTo(LoginResult.OK);
        }
    }

    /**
     * 39 wrong passwords and the right one at once: at most five are checked, and a success among
     * them does not reset the count the others made (the account ends locked either way).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theRightPasswordInsideABurstDoesNotOpenTheLockForTheRest(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, new MutableClock(), 5, Duration.ofMinutes(15));
            users.add("rita", Role.REVIEWER, "correct horse battery");
            List<LoginResult> results = Parallel.all(40, i -> users.login("rita", i == 20 ? "correct horse battery"
                    : "wrong guess " + i));
            assertThat(results).filteredOn(r -> r != LoginResult.LOCKED).hasSizeLessThanOrEqualTo(5);
            assertThat(users.find("rita").orElseThrow().lockedUntil()).isAfter(java.time.Instant.EPOCH);
        }
    }

    /** Two nodes on one PostgreSQL, each with its own pool: still five checked in all. */
    @Test
    void twoNodesSharingPostgresCheckOnlyFiveBetweenThem() throws Exception {
        String url = TestDatabases.freshPostgresSchema();
        MutableClock clock = new MutableClock();
        try (Database a = Database.open(url, null, "node a"); Database b = Database.open(url, null, "node b")) {
            Users nodeA = new Users(a, clock, 5, Duration.ofMinutes(15));
            Users nodeB = new Users(b, clock, 5, Duration.ofMinutes(15));
            nodeA.add("rita", Role.REVIEWER, "correct horse battery");
            List<LoginResult> results = Parallel.all(30,
                    i -> (i % 2 == 0 ? nodeA : nodeB).login("rita", "wrong guess " + i));
            assertThat(results).filteredOn(r -> r == LoginResult.BAD_CREDENTIALS).hasSize(5);
            assertThat(nodeB.login("rita", "correct horse battery")).isEqualTo(LoginResult.LOCKED);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPasswordChangeOrADisableEndsEveryTokenAndSession(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, new MutableClock(), 5, Duration.ofMinutes(15));
            users.add("script", Role.AUDITOR, "a long enough password");
            String first = users.createToken("script", "nightly export");
            session(db, "script");
            users.add("script", Role.AUDITOR, "another long password");
            assertThat(users.userForToken(first)).as("token after a password change").isEmpty();
            assertThat(sessions(db, "script")).as("sessions after a password change").isZero();

            String second = users.createToken("script", "again");
            session(db, "script");
            users.setDisabled("script", true);
            users.setDisabled("script", false);
            assertThat(users.userForToken(second)).as("token after disable and enable").isEmpty();
            assertThat(sessions(db, "script")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneTokenCanBeRevokedByItsNumber(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Users users = new Users(db, new MutableClock(), 5, Duration.ofMinutes(15));
            users.add("script", Role.AUDITOR, "a long enough password");
            String keep = users.createToken("script", "keep");
            String drop = users.createToken("script", "drop");
            Users.ApiToken listed = users.tokens(Optional.of("script")).stream()
                    .filter(t -> t.label().equals("drop")).findFirst().orElseThrow();
            assertThat(users.revokeToken(listed.id())).map(Users.ApiToken::label).contains("drop");
            assertThat(users.userForToken(drop)).isEmpty();
            assertThat(users.userForToken(keep)).isPresent();
            assertThat(users.revokeToken(listed.id())).isEmpty();
            assertThat(users.tokens(Optional.empty())).extracting(Users.ApiToken::label).containsExactly("keep");
        }
    }

    private static void session(Database db, String user) throws Exception {
        try (var c = db.connection(); var ps = c.prepareStatement("INSERT INTO web_session (id_hash, user_name, "
                + "csrf_token, created_at, last_seen) VALUES (?,?,?,0,0)")) {
            ps.setString(1, java.util.UUID.randomUUID().toString());
            ps.setString(2, user);
            ps.setString(3, "csrf");
            ps.executeUpdate();
        }
    }

    private static int sessions(Database db, String user) throws Exception {
        try (var c = db.connection(); var ps = c.prepareStatement("SELECT COUNT(*) FROM web_session WHERE user_name = ?")) {
            ps.setString(1, user);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
