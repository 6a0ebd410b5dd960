package org.mailgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.testing.TestDatabases;

/**
 * V1's first comment line changed after stores were migrated with it. A store with the old
 * checksum opens and is realigned; a store whose V1 checksum is anything else is still refused.
 */
class MigrationChecksumTest {

    @TempDir
    Path dir;

    private static void setV1Checksum(Database db, int checksum) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            c.createStatement().executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = " + checksum
                    + " WHERE \"version\" = '1'");
        }
    }

    private static int v1Checksum(Database db) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '1'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStoreMigratedWithTheOldCommentOpensAndOthersAreStillRefused(TestDatabases.Kind kind) throws Exception {
        String url = kind == TestDatabases.Kind.POSTGRES ? TestDatabases.freshPostgresSchema()
                : "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (Database db = Database.open(url, kind == TestDatabases.Kind.H2 ? "sa" : null, "test")) {
            assertThat(v1Checksum(db)).isEqualTo(Database.V1_CHECKSUM);
            setV1Checksum(db, Database.V1_OLD_CHECKSUM);
        }
        try (Database db = Database.open(url, kind == TestDatabases.Kind.H2 ? "sa" : null, "test")) {
            assertThat(v1Checksum(db)).isEqualTo(Database.V1_CHECKSUM);
            setV1Checksum(db, 42);
        }
        assertThatThrownBy(() -> Database.open(url, kind == TestDatabases.Kind.H2 ? "sa" : null, "test"))
                .hasMessageContaining("checksum");
    }
}
