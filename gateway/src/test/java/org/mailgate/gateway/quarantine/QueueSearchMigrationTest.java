package org.mailgate.gateway.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.testing.TestDatabases;
import org.mailgate.gateway.testing.TestDatabases.Kind;

/** Items held before the queue's search index existed (schema 4) are found by type and by search after the upgrade. */
class QueueSearchMigrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void upgradeIndexesTheItemsAlreadyHeld(Kind kind) throws Exception {
        String url = kind == Kind.H2 ? "jdbc:h2:file:" + dir.resolve("old") : TestDatabases.freshPostgresSchema();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(Map.of("bytes", kind == Kind.H2 ? "BLOB" : "BYTEA")).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO quarantine_item (id, queue_id, sender, recipients, subject, level, finding_types, "
                + "classification, reason, size_bytes, received_at, held_at, status, node, content) VALUES "
                + "(7, 'Q7', 'ann@council.example', ?, 'Referral for Zoë', 'HIGH', "
                + "',UK_NHS_NUMBER,SPECIAL_CATEGORY,', '{}', 'held', 10, 0, 0, 'HELD', 'n1', ?)")) {
            s.setString(1, "x@nhs.example\ny@law.example");
            s.setBytes(2, new byte[] {0});
            s.executeUpdate();
        }
        try (Database db = Database.open(url, null, "upgraded")) {
            QuarantineStore store = new QuarantineStore(db);
            assertThat(store.list(filter(Optional.of("special_category"), Optional.empty())).total()).isEqualTo(1);
            assertThat(store.list(filter(Optional.of("UK_NINO"), Optional.empty())).total()).isZero();
            assertThat(store.list(filter(Optional.empty(), Optional.of("zoë law"))).total()).isEqualTo(1);
            assertThat(store.list(filter(Optional.empty(), Optional.of("ann@council.example referral"))).total())
                    .isEqualTo(1);
            assertThat(store.list(filter(Optional.empty(), Optional.of("zoe"))).total()).isZero();
        }
    }

    private static QuarantineFilter filter(Optional<String> type, Optional<String> search) {
        return new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.empty(), type, Optional.empty(),
                Optional.empty(), Optional.empty(), search, Optional.empty(), 50);
    }
}
