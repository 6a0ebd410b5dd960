package org.mailgate.gateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.store.Database;

/**
 * The two stores tests run against: embedded H2 in a temp folder, and the real PostgreSQL on
 * 127.0.0.1:5432 (database {@code test}, or {@code MAILGATE_TEST_POSTGRES}), each test in a
 * schema of its own. PostgreSQL missing skips on a developer machine but fails in CI.
 */
public final class TestDatabases {

    public enum Kind { H2, POSTGRES }

    public static final String POSTGRES = System.getenv().getOrDefault("MAILGATE_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    /** A fresh, migrated store of the given kind. */
    public static Database open(Kind kind, Path dir) throws IOException {
        return kind == Kind.H2 ? Database.open(new GatewayConfig.Storage(dir, "embedded", java.util.Optional.empty()))
                : Database.open(freshPostgresSchema(), null, "test PostgreSQL");
    }

    /** A JDBC URL for a new, empty schema in the test PostgreSQL (for storage.database). */
    public static String freshPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("PostgreSQL is required in CI at " + POSTGRES + ": " + e.getMessage(), e);
            }
            assumeTrue(false, "PostgreSQL not reachable at " + POSTGRES + ": " + e.getMessage());
        }
        return POSTGRES + "&currentSchema=" + schema;
    }
}
