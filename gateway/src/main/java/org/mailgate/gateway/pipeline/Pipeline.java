package org.mailgate.gateway.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mailgate.gateway.concurrent.NamedThreadFactory;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.policy.ClassificationJson;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.spool.DeliveryState;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.RecipientState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a message between the spool and delivery, in one place and in this order:
 * <ol>
 * <li><b>read</b> the header section once ({@link SpooledMessage#read});
 * <li><b>take out own mail</b>: recipients that are the gateway's own addresses (replies to its
 *     notices) are consumed, never classified or delivered;
 * <li><b>decide</b>: the {@link ProcessingStage} classifies the message and decides per recipient,
 *     on its own thread under a time limit (mail the gateway wrote itself goes through the same
 *     classification and protection; mail a reviewer released in clear is delivered as it is);
 * <li><b>observe</b>: for mail that came over SMTP, the observers (out-of-office) see it;
 * <li><b>fail closed</b>: a recipient left without a decision (the stage threw, hung or forgot
 *     them) is held if external, delivered if internal;
 * <li><b>carry out</b>: delivery and S/MIME copies ({@link DecisionExecutor}), the portal
 *     ({@link Deposit}), then every hold (the stage's and those the first two had to make) into
 *     the {@link HoldingArea} with the classification and each copy's typed {@link HoldReason};
 * <li><b>report</b>: the sender gets one notice for the message, saying per recipient what
 *     happened ({@link OutcomeListener}), and the dashboard counts it; then the own mail is handed over.
 * </ol>
 * The result is the message's {@link DeliveryState}: what the queue still has to deliver, and
 * every recipient already dealt with (portal, quarantine, consumed) marked handled. If a store
 * cannot be reached or the disk is full, {@link ProcessLaterException} leaves the message in the
 * spool unprocessed, to go through all of this again later; every step is safe to repeat.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** The parts, named in the order they run. */
    public record Steps(OwnMail ownMail, ProcessingStage stage, ProcessingStage generated, List<Observer> observers,
            DecisionExecutor protect, Deposit portal, HoldingArea quarantine, List<OutcomeListener> listeners) {
        public Steps {
            observers = List.copyOf(observers);
            listeners = List.copyOf(listeners);
        }
    }

    private final Steps steps;
    private final Duration timeout;
    private final Predicate<String> isInternal;
    private final GatewayMetrics metrics;
    private final ExecutorService threads = Executors.newCachedThreadPool(new NamedThreadFactory("process"));

    /**
     * @param isInternal whether an address is in one of the organisation's domains
     */
    public Pipeline(Steps steps, Duration timeout, Predicate<String> isInternal, GatewayMetrics metrics) {
        this.steps = steps;
        this.timeout = timeout;
        this.isInternal = isInternal;
        this.metrics = metrics;
    }

    public DeliveryState process(Envelope e, SpooledMessage.Content content) throws IOException {
        SpooledMessage message = SpooledMessage.read(e, content);
        boolean mayBeOwnMail = e.origin() == Envelope.Origin.SMTP || e.origin() == Envelope.Origin.RELEASED_PROTECTED;
        List<String> own = mayBeOwnMail ? e.recipients().stream().filter(steps.ownMail()::isFor).toList() : List.of();
        List<String> others = e.recipients().stream().filter(r -> !own.contains(r)).toList();

        SpooledMessage rest = own.isEmpty() ? message : message.withRecipients(others);
        Decided decided = others.isEmpty() ? new Decided(Verdict.unclassified(List.of()), null) : decide(rest);
        if (e.origin() == Envelope.Origin.SMTP && !others.isEmpty()) {
            steps.observers().forEach(o -> o.seen(rest));
        }

        Map<String, Decision> byRecipient = new HashMap<>();
        decided.verdict.decisions().forEach(d -> byRecipient.putIfAbsent(d.recipient(), d));
        own.forEach(r -> byRecipient.put(r, new Decision.Consume(r, "reply to a quarantine notice")));
        List<Decision> complete = new ArrayList<>();
        for (String rcpt : e.recipients()) {
            Decision d = byRecipient.get(rcpt);
            if (d == null) {
                String why = decided.failure != null ? decided.failure : "the processing stage made no decision";
                d = isInternal.test(rcpt) && !steps.ownMail().isFor(rcpt)
                        ? new Decision.Deliver(rcpt, false, "internal; " + why)
                        : new Decision.Hold(rcpt, HoldReason.of(decided.failure != null ? HoldReason.Rule.NOT_CLASSIFIED
                                : HoldReason.Rule.NOT_CARRIED_OUT, why));
            }
            complete.add(d);
            log.info("{}: to=<{}> decision={} reason={}{}", e.queueId(), printable(d), d.getClass().getSimpleName(),
                    d.reason(), note(e.origin()));
        }
        return new DeliveryState(carryOut(message, complete, decided.verdict));
    }

    private record Decided(Verdict verdict, String failure) {
    }

    private Decided decide(SpooledMessage message) {
        Envelope e = message.envelope();
        ProcessingStage stage = switch (e.origin()) {
            case GATEWAY -> steps.generated();
            case RELEASED_CLEAR -> ProcessingStage.deliverAll();
            case SMTP, RELEASED_PROTECTED -> steps.stage();
        };
        // The stage runs on its own thread so that a hung one costs a thread, not the queue.
        Future<Verdict> future = threads.submit(() -> stage.process(message));
        String failure;
        try {
            return new Decided(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException ex) {
            future.cancel(true);
            failure = "processing timed out after " + (timeout.toMillis() < 1000 ? timeout.toMillis() + "ms"
                    : timeout.toSeconds() + "s");
        } catch (ExecutionException ex) {
            ProcessLaterException later = ProcessLaterException.of(ex.getCause());
            if (later != null) {
                throw later;
            }
            failure = "processing failed: " + ex.getCause();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failure = "processing interrupted";
        }
        log.error("{}: {}; external recipients are held", e.queueId(), failure);
        return new Decided(Verdict.unclassified(List.of()), failure);
    }

    private static String note(Envelope.Origin origin) {
        return switch (origin) {
            case GATEWAY -> " (generated by the gateway)";
            case RELEASED_CLEAR -> " (released in clear by a reviewer)";
            default -> "";
        };
    }

    /**
     * The recipient for the log. Mail the gateway consumes is a reply to one of its notices, and
     * the +suffix of that address is a token that stands for the sender of a held message.
     */
    private static String printable(Decision d) {
        return d instanceof Decision.Consume ? d.recipient().replaceFirst("\\+[^@]*@", "+...@") : d.recipient();
    }

    private List<RecipientState> carryOut(SpooledMessage message, List<Decision> decisions, Verdict verdict) {
        Map<String, RecipientState> states = new LinkedHashMap<>();
        Map<String, HoldReason> causes = new HashMap<>();
        List<Decision> toProtect = new ArrayList<>();
        List<Decision.Portal> toPortal = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Deliver || d instanceof Decision.Encrypt) {
                toProtect.add(d);
            } else if (d instanceof Decision.Portal p) {
                toPortal.add(p);
            } else if (d instanceof Decision.Hold h) {
                states.put(d.recipient(), RecipientState.held(d.recipient(), d.reason()));
                causes.put(d.recipient(), h.cause());
            } else if (d instanceof Decision.Consume) {
                states.put(d.recipient(), RecipientState.consumed(d.recipient(), d.reason()));
            }
        }
        if (!toProtect.isEmpty()) {
            guarded(message, toProtect, () -> steps.protect().execute(message, toProtect), causes)
                    .forEach(s -> states.put(s.address(), s));
        }
        if (!toPortal.isEmpty()) {
            guarded(message, toPortal, () -> steps.portal().deposit(message, toPortal), causes)
                    .forEach(s -> states.put(s.address(), s));
        }
        Map<String, HoldReason> held = new HashMap<>();
        states.values().stream().filter(r -> r.status() == RecipientState.Status.HELD)
                .forEach(r -> held.put(r.address(), causes.get(r.address())));
        hold(message, states, causes, verdict);
        report(message, decisions, held, verdict);
        for (Decision d : decisions) {
            if (d instanceof Decision.Consume) {
                steps.ownMail().accept(message, d.recipient());
            }
        }
        return decisions.stream().map(d -> states.get(d.recipient())).toList();
    }

    /**
     * Runs one executor; if it fails or loses recipients, its external recipients are held
     * (fail closed) and internal plain deliveries go ahead. A store that cannot be reached is
     * not the message's fault: the whole message is processed again later.
     */
    private List<RecipientState> guarded(SpooledMessage message, List<? extends Decision> decisions,
            Supplier<List<RecipientState>> executor, Map<String, HoldReason> causes) {
        String qid = message.envelope().queueId();
        try {
            List<RecipientState> out = executor.get();
            if (out.size() == decisions.size()) {
                for (int i = 0; i < out.size(); i++) {
                    RecipientState s = out.get(i);
                    if (s.status() == RecipientState.Status.HELD) {
                        causes.put(s.address(), HoldReason.of(failed(decisions.get(i)), s.reason()));
                    }
                }
                return out;
            }
            log.error("{}: carrying out the decisions lost recipients; holding external copies", qid);
        } catch (RuntimeException ex) {
            ProcessLaterException later = ProcessLaterException.of(ex);
            if (later != null) {
                throw later;
            }
            log.error("{}: carrying out the decisions failed ({}); holding external copies", qid, ex.toString());
        }
        List<RecipientState> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (isInternal.test(d.recipient()) && d instanceof Decision.Deliver) {
                out.add(RecipientState.pending(d.recipient(), RecipientState.ORIGINAL, false, d.reason()));
            } else {
                out.add(RecipientState.held(d.recipient(), d.reason() + "; could not be carried out"));
                causes.put(d.recipient(), HoldReason.of(HoldReason.Rule.NOT_CARRIED_OUT, ""));
            }
        }
        return out;
    }

    /** The rule for a copy an executor had to hold instead of carrying out its decision. */
    private static HoldReason.Rule failed(Decision d) {
        return d instanceof Decision.Encrypt ? HoldReason.Rule.ENCRYPTION_FAILED
                : d instanceof Decision.Portal ? HoldReason.Rule.PORTAL_FAILED : HoldReason.Rule.NOT_CARRIED_OUT;
    }

    /** Tells the listeners (the sender's one notice) what became of each copy; a notice that cannot be queued now means later. */
    private void report(SpooledMessage message, List<Decision> decisions, Map<String, HoldReason> held,
            Verdict verdict) {
        List<Outcome> outcomes = decisions.stream().map(d -> held.containsKey(d.recipient())
                ? new Outcome(d.recipient(), Outcome.Route.HELD, held.get(d.recipient()))
                : new Outcome(d.recipient(), route(d), null)).toList();
        // Not classified: the subject was not checked either.
        boolean subjectSensitive = verdict.classification().map(c -> ClassificationJson.sensitivity(c).subjectSensitive())
                .orElse(true);
        try {
            for (OutcomeListener listener : steps.listeners()) {
                listener.outcomes(message, outcomes, subjectSensitive, verdict.advice());
            }
        } catch (IOException ex) {
            throw new ProcessLaterException("what follows the decisions cannot be done now: " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            ProcessLaterException later = ProcessLaterException.of(ex);
            if (later != null) {
                throw later;
            }
            log.error("{}: telling what became of the message failed: {}", message.envelope().queueId(),
                    ex.toString());
        }
    }

    private static Outcome.Route route(Decision d) {
        if (d instanceof Decision.Deliver deliver) {
            return deliver.requireTls() ? Outcome.Route.VERIFIED_TLS : Outcome.Route.DELIVER;
        }
        if (d instanceof Decision.Encrypt) {
            return Outcome.Route.ENCRYPTED;
        }
        if (d instanceof Decision.Portal) {
            return Outcome.Route.PORTAL;
        }
        return d instanceof Decision.Consume ? Outcome.Route.CONSUMED : Outcome.Route.HELD;
    }

    /** Hands every held recipient to the holding area and marks them handled once it has them. */
    private void hold(SpooledMessage message, Map<String, RecipientState> states, Map<String, HoldReason> causes,
            Verdict verdict) {
        List<RecipientState> held = states.values().stream().filter(r -> r.status() == RecipientState.Status.HELD)
                .toList();
        if (held.isEmpty()) {
            return;
        }
        String qid = message.envelope().queueId();
        Map<String, HoldReason> why = new LinkedHashMap<>();
        held.forEach(r -> why.put(r.address(), causes.getOrDefault(r.address(),
                HoldReason.of(HoldReason.Rule.NOT_CARRIED_OUT, r.reason()))));
        String where;
        try {
            where = steps.quarantine().take(message, why, verdict);
        } catch (Exception ex) {
            throw new ProcessLaterException("the quarantine cannot take " + held.size() + " held recipient(s) now: "
                    + ex, ex);
        }
        held.forEach(r -> states.put(r.address(), r.handled(where)));
        metrics.held(held.size());
        log.info("{}: {} held recipient(s) moved to {}", qid, held.size(), where);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
