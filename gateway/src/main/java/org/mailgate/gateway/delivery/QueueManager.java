package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.config.GatewayConfig;
import org.mailgate.config.Route;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.ProcessLaterException;
import org.mailgate.gateway.concurrent.NamedThreadFactory;
import org.mailgate.gateway.pipeline.Pipeline;
import org.mailgate.gateway.spool.Arrivals;
import org.mailgate.gateway.spool.DeliveryState;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.RecipientState.Status;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.spool.SpoolEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the spool, like Postfix's qmgr: each message is processed once, then delivered per
 * next hop; temporary failures are retried on the {@code delivery.retry_intervals} schedule
 * until {@code delivery.max_queue_days}, then bounced. At most one worker handles a message
 * at a time. After a deferral, mail to a recipient goes in order of arrival ({@link RecipientOrder}).
 * Time comes from the injected clock (checked at least every second), so tests can move it.
 */
public final class QueueManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueManager.class);
    private static final Duration ERROR_RETRY = Duration.ofMinutes(1);

    private final GatewayConfig config;
    private final Spool spool;
    private final Pipeline pipeline;
    private final Arrivals arrivals;
    private final DeliveryAgent agent;
    private final Bouncer bouncer;
    private final Router router;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final OutgoingSignature signature;

    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final PriorityQueue<Ticket> schedule = new PriorityQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong arrivalCount = new AtomicLong();
    private final RecipientOrder order = new RecipientOrder();
    private final ExecutorService workers;
    private final Thread scheduler;
    private final Thread intake;
    private volatile boolean running = true;

    private static final class Item {
        final Envelope envelope;
        /** Order of arrival, for {@link RecipientOrder}. */
        final long arrival;
        DeliveryState state;
        boolean busy;
        boolean again;
        volatile boolean flush;

        Item(Envelope envelope, long arrival, DeliveryState state) {
            this.envelope = envelope;
            this.arrival = arrival;
            this.state = state;
        }
    }

    private record Ticket(Instant due, long seq, String queueId) implements Comparable<Ticket> {
        @Override
        public int compareTo(Ticket o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    QueueManager(GatewayConfig config, Spool spool, Pipeline pipeline, Arrivals arrivals, DeliveryAgent agent,
            Bouncer bouncer, Clock clock, GatewayMetrics metrics, OutgoingSignature signature) {
        this.config = config;
        this.signature = signature;
        this.spool = spool;
        this.pipeline = pipeline;
        this.arrivals = arrivals;
        this.agent = agent;
        this.bouncer = bouncer;
        this.router = new Router(config);
        this.clock = clock;
        this.metrics = metrics;
        this.workers = Executors.newFixedThreadPool(config.delivery().concurrency(), new NamedThreadFactory("deliver"));
        this.scheduler = new Thread(this::scheduleLoop, "queue-scheduler");
        this.scheduler.setDaemon(true);
        this.intake = new Thread(this::intakeLoop, "queue-intake");
        this.intake.setDaemon(true);
        metrics.queueDepth(items::size);
    }

    /** Loads what the spool held at start-up and starts working on it. */
    public void start(List<SpoolEntry> recovered) {
        List<SpoolEntry> byArrival = recovered.stream().sorted(Comparator
                .comparing((SpoolEntry e) -> e.envelope().received()).thenComparing(e -> e.envelope().queueId())).toList();
        for (SpoolEntry e : byArrival) {
            Item item = new Item(e.envelope(), arrivalCount.incrementAndGet(), e.state().orElse(null));
            items.put(e.envelope().queueId(), item);
            if (item.state != null) {
                for (RecipientState r : item.state.recipients()) {
                    if (r.status() == Status.PENDING && r.attempts() > 0) {
                        order.deferred(r.address(), item.arrival, e.envelope().queueId(),
                                Duration.between(e.envelope().received(), clock.instant()));
                    }
                }
            }
        }
        checkDeleteRequests(); // made while we were stopped: before anything is scheduled
        for (Item item : items.values()) {
            // Held (left by an earlier version) or complete (a crash came before its removal): run now.
            boolean now = item.state == null || item.state.isComplete()
                    || item.state.recipients().stream().anyMatch(r -> r.status() == Status.HELD);
            Instant due = now ? clock.instant() : nextDue(item.state, Set.of());
            if (due != null) {
                enqueue(item.envelope.queueId(), due);
            }
        }
        if (!recovered.isEmpty()) {
            log.info("queue: resumed {} message(s) from the spool", recovered.size());
        }
        scheduler.start();
        intake.start();
    }

    /** Takes up messages as they are committed to the spool. */
    private void intakeLoop() {
        while (running) {
            try {
                accepted(arrivals.take());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A message was just committed to the spool: work on it now. */
    private void accepted(Envelope envelope) {
        items.put(envelope.queueId(), new Item(envelope, arrivalCount.incrementAndGet(), null));
        enqueue(envelope.queueId(), clock.instant());
    }

    /** Attempts every deferred message now, like {@code postqueue -f}. */
    public void flush() {
        for (Map.Entry<String, Item> e : items.entrySet()) {
            e.getValue().flush = true;
            enqueue(e.getKey(), clock.instant());
        }
    }

    public int depth() {
        return items.size();
    }

    private void enqueue(String queueId, Instant due) {
        lock.lock();
        try {
            schedule.add(new Ticket(due, sequence.incrementAndGet(), queueId));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void scheduleLoop() {
        while (running) {
            List<String> due = new ArrayList<>();
            lock.lock();
            try {
                Instant now = clock.instant();
                while (!schedule.isEmpty() && !schedule.peek().due.isAfter(now)) {
                    due.add(schedule.poll().queueId);
                }
                if (due.isEmpty()) {
                    long wait = schedule.isEmpty() ? 1000
                            : Math.min(1000, Math.max(1, Duration.between(now, schedule.peek().due).toMillis()));
                    changed.await(wait, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            due.forEach(this::dispatch);
            checkFlushRequest();
            checkDeleteRequests();
        }
    }

    /**
     * {@code queue delete QID} leaves a request in the spool; the message is removed here, by the
     * one process that schedules it, once no worker holds it.
     */
    private void checkDeleteRequests() {
        try {
            for (String qid : spool.deleteRequests()) {
                Item item = items.get(qid);
                if (item != null) {
                    synchronized (item) {
                        if (item.busy) {
                            continue; // try again on the next tick
                        }
                        item.busy = true; // never released: the message is gone
                    }
                    items.remove(qid);
                    for (String r : item.envelope.recipients()) {
                        releaseInOrder(order.done(r, item.arrival));
                    }
                }
                if (QueueIds.isValid(qid)) {
                    spool.remove(qid);
                    log.warn("{}: deleted from the queue by an operator (queue delete); recipients not notified", qid);
                }
                spool.clearDeleteRequest(qid);
            }
        } catch (IOException e) {
            log.warn("queue: cannot read delete requests: {}", e.toString());
        }
    }

    private void checkFlushRequest() {
        try {
            if (spool.takeFlushRequest()) {
                log.info("queue: flush requested");
                flush();
            }
        } catch (IOException e) {
            log.warn("queue: cannot take the flush request: {}", e.toString());
        }
    }

    private void dispatch(String queueId) {
        Item item = items.get(queueId);
        if (item == null) {
            return;
        }
        synchronized (item) {
            if (item.busy) {
                item.again = true;
                return;
            }
            item.busy = true;
        }
        workers.execute(() -> run(item));
    }

    private void run(Item item) {
        String qid = item.envelope.queueId();
        try {
            handle(item);
        } catch (ProcessLaterException e) {
            log.warn("{}: waits in the spool, processing again in {}: {}", qid, ERROR_RETRY, e.getMessage());
            enqueue(qid, clock.instant().plus(ERROR_RETRY));
        } catch (Exception | Error e) {
            log.error("{}: delivery run failed, will retry in {}: {}", qid, ERROR_RETRY, e.toString(), e);
            enqueue(qid, clock.instant().plus(ERROR_RETRY));
        } finally {
            boolean again;
            synchronized (item) {
                item.busy = false;
                again = item.again;
                item.again = false;
            }
            if (again && items.containsKey(qid)) {
                enqueue(qid, clock.instant());
            }
        }
    }

    private void handle(Item item) throws IOException {
        Envelope e = item.envelope;
        String qid = e.queueId();
        if (item.state == null) {
            DeliveryState processed = pipeline.process(e, () -> spool.openOriginal(qid));
            if (!isPlainRelay(processed)) {
                spool.saveState(qid, processed);
            }
            item.state = processed;
        } else if (item.state.recipients().stream().anyMatch(r -> r.status() == Status.HELD)) {
            item.state = processHeld(item);
            spool.saveState(qid, item.state);
        }
        boolean flush = item.flush;
        item.flush = false;
        Instant now = clock.instant();
        List<RecipientState> states = new ArrayList<>(item.state.recipients());
        Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
        Set<String> waiting = new HashSet<>(); // behind earlier mail to the same recipient: released by it
        for (int i = 0; i < states.size(); i++) {
            RecipientState r = states.get(i);
            if (r.status() == Status.PENDING && (flush || r.nextAttempt() == null || !r.nextAttempt().isAfter(now))) {
                String head = order.mustWaitFor(r.address(), item.arrival, qid);
                if (head == null) {
                    groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(i);
                } else {
                    waiting.add(r.address());
                    release(head);
                }
            }
        }
        List<RecipientState> failed = new ArrayList<>();
        for (Map.Entry<GroupKey, List<Integer>> g : groups.entrySet()) {
            deliverGroup(item, g.getKey(), g.getValue(), states, failed);
        }
        if (!failed.isEmpty()) {
            bouncer.bounce(e, failed).ifPresent(this::accepted);
            metrics.bounced(failed.size());
        }
        DeliveryState next = new DeliveryState(states);
        if (next.isComplete()) {
            spool.remove(qid);
            items.remove(qid);
            log.info("{}: removed", qid);
            return;
        }
        if (!groups.isEmpty()) {
            spool.saveState(qid, next);
        }
        item.state = next;
        Instant due = nextDue(next, waiting);
        if (due != null) {
            enqueue(qid, due);
        }
    }

    /**
     * A state saved by an earlier version holds recipients in the spool: the pipeline processes
     * the message again for them alone (the others keep their state).
     */
    private DeliveryState processHeld(Item item) throws IOException {
        Envelope e = item.envelope;
        List<String> held = item.state.recipients().stream().filter(r -> r.status() == Status.HELD)
                .map(RecipientState::address).toList();
        DeliveryState again = pipeline.process(new Envelope(e.queueId(), e.sender(), held, e.received(),
                e.clientAddress(), e.clientHelo(), e.authenticatedUser(), e.tls(), e.smtpUtf8(), e.origin()),
                () -> spool.openOriginal(e.queueId()));
        Map<String, RecipientState> byAddress = new java.util.HashMap<>();
        again.recipients().forEach(r -> byAddress.put(r.address(), r));
        return new DeliveryState(item.state.recipients().stream()
                .map(r -> r.status() == Status.HELD ? byAddress.getOrDefault(r.address(), r) : r).toList());
    }

    private void deliverGroup(Item item, GroupKey key, List<Integer> indexes, List<RecipientState> states,
            List<RecipientState> failed) throws IOException {
        Envelope e = item.envelope;
        List<String> rcpts = indexes.stream().map(i -> states.get(i).address()).toList();
        long size = spool.contentSize(e.queueId(), key.content);
        DeliveryJob.Opener content = () -> spool.openContent(e.queueId(), key.content);
        // A signature over the exact bytes that follow it (DKIM), computed again at every attempt.
        Optional<byte[]> header = signature.headerFor(e, !RecipientState.ORIGINAL.equals(key.content), content);
        DeliveryJob.Opener sent = header.isEmpty() ? content : () -> new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(header.get()), content.open());
        DeliveryJob job = new DeliveryJob(e, rcpts, key.content, size + header.map(h -> h.length).orElse(0), sent,
                key.route, key.domain, key.tls);
        Map<String, Outcome> outcomes = agent.deliver(job);
        Instant now = clock.instant();
        Duration age = Duration.between(e.received(), now);
        for (int i : indexes) {
            RecipientState r = states.get(i);
            Outcome o = outcomes.getOrDefault(r.address(),
                    Outcome.deferred("451 4.3.0 no reply recorded for this recipient", "-"));
            RecipientState updated;
            String status;
            switch (o.result()) {
                case DELIVERED -> {
                    updated = r.attempted(Status.DELIVERED, o.reply());
                    status = "sent";
                    metrics.delivered(1, age);
                }
                case FAILED -> {
                    updated = r.attempted(Status.FAILED, o.reply());
                    status = "bounced";
                    failed.add(updated);
                }
                default -> {
                    if (age.compareTo(Duration.ofDays(config.delivery().maxQueueDays())) >= 0) {
                        updated = r.attempted(Status.FAILED, o.reply());
                        status = "expired";
                        failed.add(updated);
                    } else {
                        updated = r.deferred(now.plus(interval(r.attempts() + 1)), o.reply());
                        status = "deferred";
                        metrics.deferred(1);
                    }
                }
            }
            states.set(i, updated);
            releaseInOrder(updated.status() == Status.PENDING ? order.deferred(r.address(), item.arrival, e.queueId(), age)
                    : order.done(r.address(), item.arrival));
            log.info("{}: to=<{}> relay={} delay={}s status={} ({})", e.queueId(), r.address(), o.relay(),
                    age.toSeconds(), status, o.reply());
        }
    }

    /**
     * Messages that are now at the head of a line for a recipient: delivered now, one after the
     * other on one worker, so that they reach the next hop in the order they came.
     */
    private void releaseInOrder(List<String> queueIds) {
        if (queueIds.isEmpty()) {
            return;
        }
        workers.execute(() -> {
            for (String qid : queueIds) {
                Item item = items.get(qid);
                if (item == null) {
                    releaseInOrder(order.gone(qid)); // it left the queue: the line must not wait for it
                    continue;
                }
                item.flush = true;
                synchronized (item) {
                    if (item.busy) {
                        item.again = true; // its current run ends, then it runs again with flush
                        continue;
                    }
                    item.busy = true;
                }
                run(item);
            }
        });
    }

    /** A message at the head of a line: try it now, whatever its retry time. */
    private void release(String queueId) {
        Item item = items.get(queueId);
        if (item != null) {
            item.flush = true;
            enqueue(queueId, clock.instant());
        } else {
            releaseInOrder(order.gone(queueId));
        }
    }

    private Duration interval(int attempts) {
        List<Duration> intervals = config.delivery().retryIntervals();
        return intervals.get(Math.min(attempts, intervals.size()) - 1);
    }

    /** When the message next needs a run for its pending recipients, except those {@code waiting} in line. */
    private static Instant nextDue(DeliveryState state, Set<String> waiting) {
        Instant due = null;
        for (RecipientState r : state.recipients()) {
            if (r.status() == Status.PENDING && !waiting.contains(r.address())) {
                Instant t = r.nextAttempt() == null ? Instant.EPOCH : r.nextAttempt();
                due = due == null || t.isBefore(due) ? t : due;
            }
        }
        return due;
    }

    private static boolean isPlainRelay(DeliveryState s) {
        return s.recipients().stream().allMatch(r -> r.status() == Status.PENDING
                && RecipientState.ORIGINAL.equals(r.content()) && !r.requireTls());
    }

    /** Recipients delivered together: same copy, same next hop, same TLS policy. */
    private record GroupKey(String content, Route route, String domain, TlsRule tls) {
    }

    private GroupKey key(RecipientState r) {
        Route route = router.routeFor(r.address());
        String domain = Envelope.domainOf(r.address());
        // Through a smarthost all domains share one transaction; the domain only matters to MX.
        return new GroupKey(r.content(), route, route instanceof Route.Mx ? domain : "",
                router.tlsFor(r.address(), r.requireTls()));
    }

    @Override
    public void close() {
        running = false;
        scheduler.interrupt();
        intake.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
