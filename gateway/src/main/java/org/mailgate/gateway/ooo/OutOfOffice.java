package org.mailgate.gateway.ooo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.concurrent.NamedThreadFactory;
import org.mailgate.gateway.pipeline.Observer;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-office feature put together from {@code leave:} in the configuration: the
 * schedule (for the web UI and API), the leave file and its watcher, and auto-replies as a
 * pipeline observer.
 */
public final class OutOfOffice implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutOfOffice.class);
    /** How often the leave file's modification time is looked at. */
    static final Duration FILE_POLL = Duration.ofSeconds(2);

    private final LeaveSchedule schedule;
    private final Optional<LeaveFile> file;
    private final AutoResponder responder;
    private final ReplyMemory memory;
    private final Predicate<String> isInternalAddress;
    private final ScheduledExecutorService background;
    private final ThreadPoolExecutor replies;

    private OutOfOffice(GatewayConfig config, Database db, AuditLog audit, Outbox outbox, SensitiveText sensitive,
            Clock clock, Runnable replied) {
        GatewayConfig.Leave leave = config.leave();
        String hostname = config.smtp().hostname();
        Supplier<String> ids = () -> UUID.randomUUID().toString();
        this.isInternalAddress = a -> config.domains().isInternal(Envelope.domainOf(a));
        Aliases aliases = new Aliases(leave.aliases());
        LeaveStore store = new LeaveStore(db);
        LeaveValidator validator = new LeaveValidator(isInternalAddress, leave.forbiddenAlternativeNumbers(),
                sensitive);
        this.schedule = new LeaveSchedule(store, validator, audit, leave.managers(), aliases, clock,
                new LeaveNotices(outbox, config.quarantine().notifyAddress(), config.web().publicUrl(), hostname, clock));
        ReplyTemplate template = leave.replyTemplate().isPresent() ? template(leave.replyTemplate().get())
                : ReplyTemplate.defaults();
        this.memory = new ReplyMemory(db, clock, Duration.ofDays(leave.replyIntervalDays()));
        this.responder = new AutoResponder(store, memory, new AutoReplies(template, leave.subjectPrefix(), clock,
                hostname, ids), aliases, isInternalAddress, outbox, clock, leave.replyIntervalDays(), replied);
        this.file = leave.file().map(f -> new LeaveFile(f, store, validator, aliases, audit, clock, hostname));
        this.background = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("leave"));
        // One thread is plenty for replies; the bound keeps a flood from holding memory.
        this.replies = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                new NamedThreadFactory("auto-reply"));
    }

    /**
     * Builds the feature and loads the leave file once before returning (so mail received
     * right after start-up sees it), then watches the file.
     *
     * @param outbox how replies are sent; used only once mail flows
     * @param sensitive refuses leave text that holds personal data
     */
    /** @param replied told each time an auto-reply is queued (the dashboard's count) */
    public static OutOfOffice start(GatewayConfig config, Database db, AuditLog audit, Outbox outbox,
            SensitiveText sensitive, Clock clock, Runnable replied) {
        OutOfOffice ooo = new OutOfOffice(config, db, audit, outbox, sensitive, clock, replied);
        ooo.file.ifPresent(f -> f.watch(ooo.background, FILE_POLL));
        ooo.background.scheduleWithFixedDelay(ooo::tidy, 1, 60, TimeUnit.MINUTES);
        log.info("leave: {}; replies at most every {} day(s) per sender", ooo.file.map(f -> "schedule from "
                + f.path() + " and the web UI").orElse("schedule from the web UI (no leave.file)"),
                config.leave().replyIntervalDays());
        return ooo;
    }

    private static ReplyTemplate template(java.nio.file.Path path) {
        try {
            return ReplyTemplate.load(path);
        } catch (IOException e) {
            throw new ConfigException(new ConfigException.Problem(path.toString(), 0, "leave.reply_template",
                    "cannot read the reply template: " + e));
        }
    }

    /** What answers mail for staff on leave, as a step of the pipeline. */
    public Observer autoReplies() {
        return new AutoReplyObserver(responder, isInternalAddress, replies);
    }

    public LeaveSchedule schedule() {
        return schedule;
    }

    public Optional<LeaveFile> file() {
        return file;
    }

    private void tidy() {
        try {
            memory.forgetExpired();
        } catch (Exception e) {
            log.warn("leave: tidying the reply memory failed, will try again in an hour: {}", e.toString());
        }
    }

    /** Stops watching and lets replies already decided on be queued (they are then in the spool). */
    @Override
    public void close() {
        background.shutdownNow();
        replies.shutdown();
        try {
            if (!replies.awaitTermination(5, TimeUnit.SECONDS)) {
                replies.shutdownNow();
            }
        } catch (InterruptedException e) {
            replies.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
