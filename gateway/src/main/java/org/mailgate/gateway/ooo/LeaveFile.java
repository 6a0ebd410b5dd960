package org.mailgate.gateway.ooo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailgate.config.ConfigException;
import org.mailgate.config.YamlSection;
import org.mailgate.gateway.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leave schedule operators keep in {@code leave.file} (format in README.md, "Out-of-office replies"). Each entry is
 * checked like a web form; an entry with a problem is reported with file:line and skipped,
 * and the rest take effect. A file that is not YAML at all, or has gone, changes nothing.
 * The file is read again whenever its modification time or size changes.
 */
public final class LeaveFile {

    private static final Logger log = LoggerFactory.getLogger(LeaveFile.class);
    /** The actor in the audit log and in {@link LeavePeriod#changedBy()}. */
    public static final String ACTOR = "leave file";

    /** What one reading of the file gave: the periods in effect from it and the problems found. */
    public record Outcome(int periods, List<ConfigException.Problem> problems, boolean stored) {
    }

    private final Path file;
    private final LeaveStore store;
    private final LeaveValidator validator;
    private final Aliases aliases;
    private final AuditLog audit;
    private final Clock clock;
    private final String node;
    /** Modification time and size last read successfully; only the watcher thread and reload() touch it. */
    private String seen = "";
    private volatile Outcome last = new Outcome(0, List.of(), false);

    LeaveFile(Path file, LeaveStore store, LeaveValidator validator, Aliases aliases, AuditLog audit, Clock clock,
            String node) {
        this.file = file;
        this.store = store;
        this.validator = validator;
        this.aliases = aliases;
        this.audit = audit;
        this.clock = clock;
        this.node = node;
    }

    public Path path() {
        return file;
    }

    /** The outcome of the latest reading, for the web UI ("the leave file has 2 problems"). */
    public Outcome last() {
        return last;
    }

    /** Reads the file now, then checks every {@code interval} whether it changed. */
    void watch(ScheduledExecutorService watcher, Duration interval) {
        reloadQuietly();
        watcher.scheduleWithFixedDelay(this::reloadQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void reloadQuietly() {
        String stamp = stamp();
        if (stamp.equals(seen)) {
            return;
        }
        try {
            reload();
            seen = stamp;
        } catch (NoSuchFileException e) {
            log.warn("leave file {} does not exist; the periods it gave stay as they were", file);
            seen = stamp;
        } catch (ConfigException e) {
            e.problems().forEach(p -> log.warn("leave file: {}; nothing in the file changed the schedule", p));
            seen = stamp;
        } catch (IOException | SQLException | RuntimeException e) {
            log.warn("leave file {}: cannot load it now ({}); will try again", file, e.toString());
        }
    }

    private String stamp() {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    /**
     * Reads and checks the file and makes its good entries the FILE periods. Throws
     * {@link ConfigException} when the file is not a YAML list (nothing changes then).
     */
    public synchronized Outcome reload() throws IOException, SQLException {
        byte[] bytes = Files.readAllBytes(file);
        List<ConfigException.Problem> problems = new ArrayList<>();
        List<YamlSection> entries = YamlSection.listDocument(new String(bytes, StandardCharsets.UTF_8),
                file.toString(), problems);
        List<LeavePeriod> others = store.all().stream().filter(p -> p.source() != LeavePeriod.Source.FILE).toList();
        List<LeavePeriod> good = new ArrayList<>();
        List<Integer> goodLines = new ArrayList<>();
        Instant now = clock.instant();
        for (YamlSection e : entries) {
            int before = problems.size();
            LeaveForm form = new LeaveForm(e.string(LeaveForm.ADDRESS, null), e.string(LeaveForm.FROM, null),
                    e.string(LeaveForm.UNTIL, null), e.string(LeaveForm.RETURNING, null),
                    e.string(LeaveForm.ALTERNATIVE_CONTACT, null), e.string(LeaveForm.MESSAGE, null),
                    e.string(LeaveForm.INTERNAL_MESSAGE, null), e.string(LeaveForm.EXTERNAL_MESSAGE, null));
            e.finish();
            if (form.address() != null) {
                form = new LeaveForm(aliases.staff(form.address()), form.from(), form.until(), form.returning(),
                        form.alternativeContact(), form.message(), form.internalMessage(), form.externalMessage());
            }
            LeaveValidator.Checked checked = validator.check(form, LeavePeriod.Source.FILE, ACTOR, now);
            checked.problems().forEach(e::problem);
            if (problems.size() > before || checked.period().isEmpty()) {
                continue;
            }
            LeavePeriod p = checked.period().get();
            String clash = clash(p, good, goodLines, others);
            if (clash != null) {
                e.problem(LeaveForm.FROM, clash);
                continue;
            }
            good.add(p);
            goodLines.add(e.line());
        }
        problems.forEach(p -> log.warn("leave file: {} (entry skipped; the others are in effect)", p));
        boolean stored = store(bytes, good, problems.size());
        last = new Outcome(good.size(), List.copyOf(problems), stored);
        return last;
    }

    /** Why {@code p} cannot join the periods already accepted, or null. */
    private static String clash(LeavePeriod p, List<LeavePeriod> good, List<Integer> goodLines,
            List<LeavePeriod> others) {
        for (int i = 0; i < good.size(); i++) {
            LeavePeriod g = good.get(i);
            if (g.address().equals(p.address()) && g.overlaps(p.firstDay(), p.returning())) {
                return "This overlaps the entry on line " + goodLines.get(i) + " for " + g.address() + ": "
                        + g.describe() + ". Join the two into one entry.";
            }
        }
        for (LeavePeriod o : others) {
            if (o.address().equals(p.address()) && o.overlaps(p.firstDay(), p.returning())) {
                return "This overlaps leave already set for " + o.address() + " in the web UI or API ("
                        + o.describe() + "). Remove one of the two.";
            }
        }
        return null;
    }

    /** Replaces the FILE periods, unless this very file is what the store already has. */
    private boolean store(byte[] bytes, List<LeavePeriod> periods, int problemCount) throws SQLException {
        String sha = sha256(bytes);
        return store.database().inTransaction(c -> {
            if (store.lockFileState(c).equals(sha)) {
                return false;
            }
            int removed = store.deleteFromFile(c);
            for (LeavePeriod p : periods) {
                store.insert(c, p);
            }
            store.recordFileState(c, sha, clock.instant(), node);
            audit.record(c, ACTOR, "LEAVE_FILE", null, "loaded " + periods.size() + " period(s) from " + file
                    + " in place of " + removed + (problemCount == 0 ? "" : "; " + problemCount
                    + " problem(s), see the log") + "; on node " + node, "");
            log.info("leave file {}: {} period(s) in effect{}", file, periods.size(),
                    problemCount == 0 ? "" : ", " + problemCount + " problem(s)");
            return true;
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
