package org.mailgate.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.mailgate.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store: quarantine, users, sessions, audit log. An H2 file database under
 * {@code storage.dir/db} by default; PostgreSQL (or any URL Flyway and a driver here know)
 * when {@code storage.database} is a JDBC URL. The schema is migrated on open.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final String description;

    private Database(String url, String user, String description) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (user != null) {
            hc.setUsername(user);
        }
        hc.setMaximumPoolSize(8);
        hc.setMinimumIdle(1);
        hc.setPoolName("store");
        hc.setConnectionTimeout(10_000);
        // Start even while the database is down: work that needs it waits in the spool and retries.
        hc.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(hc);
        this.description = description;
    }

    /** Opens the configured store and brings its schema up to date. */
    public static Database open(GatewayConfig.Storage storage) throws IOException {
        if (storage.isEmbeddedDatabase()) {
            Path dir = storage.dir().resolve("db");
            Files.createDirectories(dir);
            // AUTO_SERVER lets the CLI (users add ...) use the file while the gateway runs.
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("mailgate") + ";AUTO_SERVER=TRUE";
            return open(url, "sa", "embedded H2 in " + dir);
        }
        return open(storage.database(), null, storage.database().replaceAll("password=[^&;]*", "password=(hidden)"));
    }

    public static Database open(String url, String user, String description) throws IOException {
        Database db = new Database(url, user, description);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw new IOException("cannot prepare the database " + description + ": " + rootMessage(e)
                    + " (check storage.database and that the server is running)", e);
        }
        return db;
    }

    /**
     * Flyway's checksum of V1 before and after its first comment line changed (it named a
     * document outside this repository). Only the comment differs, so a store migrated with the
     * old text is realigned instead of refused; any other mismatch still stops the start.
     */
    static final int V1_OLD_CHECKSUM = -113752011;
    static final int V1_CHECKSUM = -1785851622;

    private void migrate() {
        realignV1Comment();
        String bytes = isPostgres() ? "BYTEA" : "BLOB";
        var result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(Map.of("bytes", bytes))
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("store: {} migrated to schema version {}", description, result.targetSchemaVersion);
        } else {
            log.info("store: {} (schema {})", description, result.initialSchemaVersion);
        }
    }

    private void realignV1Comment() {
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = " + V1_CHECKSUM
                    + " WHERE \"version\" = '1' AND \"checksum\" = " + V1_OLD_CHECKSUM);
        } catch (SQLException e) {
            // a new store: no history yet
        }
    }

    /**
     * True if {@code e} says the database cannot be reached (no connection, server gone) rather
     * than that a statement was wrong: work should wait and try again, not give up.
     */
    public static boolean isUnavailable(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (x instanceof SQLTransientException || x instanceof SQLRecoverableException
                    || x instanceof SQLNonTransientConnectionException
                    || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")))) {
                return true;
            }
        }
        return false;
    }

    public boolean isPostgres() {
        return pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the store answers now: {@code Optional.empty()} if a connection is valid within
     * {@code seconds}, else what is wrong (closed, unreachable, out of space), in words for
     * {@code /health}. Never throws and never waits much longer than {@code seconds}.
     */
    public Optional<String> problem(int seconds) {
        // At most one check at a time, and none more often than once a second: /health is open to
        // anyone, and a flood of requests must not become a flood of database connections.
        long now = System.nanoTime();
        LastCheck last = lastCheck;
        if (last != null && now - last.at() < 1_000_000_000L || !checking.compareAndSet(false, true)) {
            return last == null ? Optional.empty() : last.problem();
        }
        try {
            Optional<String> p = check(seconds);
            if (last == null ? p.isPresent() : last.problem().isPresent() != p.isPresent()) {
                if (p.isPresent()) {
                    log.warn("store: {} does not answer: {}; mail that needs it waits in the spool", description,
                            p.get());
                } else {
                    log.info("store: {} answers again", description);
                }
            }
            lastCheck = new LastCheck(System.nanoTime(), p);
            return p;
        } finally {
            checking.set(false);
        }
    }

    private record LastCheck(long at, Optional<String> problem) {
    }

    private volatile LastCheck lastCheck;
    private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();

    private Optional<String> check(int seconds) {
        CompletableFuture<Optional<String>> check = CompletableFuture.supplyAsync(() -> {
            try (Connection c = connection(); java.sql.Statement s = c.createStatement()) {
                s.setQueryTimeout(seconds);
                s.execute("SELECT 1");
                return Optional.<String>empty();
            } catch (SQLException | RuntimeException e) {
                return Optional.of(rootMessage(e));
            }
        }, CHECKS);
        try {
            return check.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException e) {
            return Optional.of(rootMessage(e.getCause()));
        }
    }

    private static final java.util.concurrent.ExecutorService CHECKS = java.util.concurrent.Executors
            .newCachedThreadPool(new org.mailgate.gateway.concurrent.NamedThreadFactory("store-check"));

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        pool.close();
    }
}
