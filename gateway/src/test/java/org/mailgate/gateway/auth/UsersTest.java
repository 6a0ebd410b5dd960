package org.mailgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.auth.Users.LoginResult;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.MutableClock;
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
}
