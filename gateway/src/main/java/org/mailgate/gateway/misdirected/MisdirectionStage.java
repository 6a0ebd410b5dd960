package org.mailgate.gateway.misdirected;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig.MisdirectedAction;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.pipeline.ProcessLaterException;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.pipeline.Verdict;
import org.mailgate.gateway.policy.Advice;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The misdirection stage, after the protection stage: for mail an internal sender submitted
 * (not mail a reviewer released or the sender confirmed, and not the gateway's own), asks
 * {@link Misdirection} what looks unusual and applies each recipient's strictest configured
 * action:
 * <ul>
 * <li>{@code warn}: the copy goes as decided; the sender's notice says why it looked unusual;</li>
 * <li>{@code confirm}: the copy is held for the sender ({@link HoldReason.Rule#AWAITING_SENDER});
 *     their notice asks them to send or withdraw it, and it is withdrawn if they do not answer
 *     within {@code misdirected.confirm_timeout}. If another copy of the message is held for
 *     review, the reviewers decide on this one too ({@link HoldReason.Rule#MISDIRECTED});</li>
 * <li>{@code hold}: the copy goes to the quarantine for review ({@link HoldReason.Rule#MISDIRECTED}).</li>
 * </ul>
 * A copy already held stays held with its own reason. The message counts as sensitive when the
 * policy protected any external copy (encrypted, portal, verified TLS or held). Every finding is
 * logged, audited and counted. If the history cannot be read, the message is processed later.
 */
public final class MisdirectionStage implements ProcessingStage {

    private static final Logger log = LoggerFactory.getLogger(MisdirectionStage.class);

    private final ProcessingStage inner;
    private final Misdirection check;
    private final Predicate<String> isInternal;
    private final GatewayMetrics metrics;
    private final AuditLog audit;

    public MisdirectionStage(ProcessingStage inner, Misdirection check, Predicate<String> isInternal,
            GatewayMetrics metrics, AuditLog audit) {
        this.inner = inner;
        this.check = check;
        this.isInternal = isInternal;
        this.metrics = metrics;
        this.audit = audit;
    }

    @Override
    public Verdict process(SpooledMessage message) throws Exception {
        Verdict v = inner.process(message);
        Envelope e = message.envelope();
        if (e.origin() != Envelope.Origin.SMTP || e.isNullSender() || !isInternal.test(e.sender())) {
            return v;
        }
        boolean sensitive = v.decisions().stream().anyMatch(d -> !isInternal.test(d.recipient()) && protects(d));
        List<Finding> found;
        try {
            found = check.check(e.sender(), e.recipients(), message.headers().toAndCc(), sensitive);
        } catch (SQLException ex) {
            throw new ProcessLaterException("the history of whom the sender writes to cannot be read: "
                    + ex.getMessage(), ex);
        }
        if (found.isEmpty()) {
            return v;
        }
        Map<String, List<Finding>> byRecipient = new LinkedHashMap<>();
        found.forEach(f -> byRecipient.computeIfAbsent(f.recipient(), k -> new ArrayList<>()).add(f));
        List<Decision> decisions = new ArrayList<>();
        List<Advice> advice = new ArrayList<>();
        for (Decision d : v.decisions()) {
            List<Finding> fs = byRecipient.get(d.recipient().toLowerCase(Locale.ROOT));
            if (fs == null) {
                decisions.add(d);
                continue;
            }
            MisdirectedAction action = fs.stream().map(f -> check.action(f.rule()))
                    .max(Comparator.naturalOrder()).orElse(MisdirectedAction.OFF);
            String why = String.join("; ", fs.stream().map(Finding::detail).toList());
            record(e, fs);
            if (action == MisdirectedAction.WARN || d instanceof Decision.Hold) {
                advice.add(new Advice(d.recipient(), why));
                decisions.add(d);
            } else if (action == MisdirectedAction.CONFIRM) {
                decisions.add(new Decision.Hold(d.recipient(), HoldReason.of(HoldReason.Rule.AWAITING_SENDER, why)));
            } else if (action == MisdirectedAction.HOLD) {
                decisions.add(new Decision.Hold(d.recipient(), HoldReason.of(HoldReason.Rule.MISDIRECTED, why)));
            } else {
                decisions.add(d);
            }
        }
        return v.with(forOneReader(decisions), advice);
    }

    /**
     * A message's held copies are one quarantine item: if any waits for a reviewer, copies that
     * would have waited for the sender wait for the reviewer too.
     */
    private static List<Decision> forOneReader(List<Decision> decisions) {
        boolean reviewed = decisions.stream().anyMatch(d -> d instanceof Decision.Hold h
                && h.cause().rule() != HoldReason.Rule.AWAITING_SENDER);
        if (!reviewed) {
            return decisions;
        }
        return decisions.stream().map(d -> d instanceof Decision.Hold h && h.cause().rule() == HoldReason.Rule.AWAITING_SENDER
                ? (Decision) new Decision.Hold(d.recipient(), HoldReason.of(HoldReason.Rule.MISDIRECTED, h.cause().detail()))
                : d).toList();
    }

    private static boolean protects(Decision d) {
        return d instanceof Decision.Encrypt || d instanceof Decision.Portal || d instanceof Decision.Hold
                || d instanceof Decision.Deliver deliver && deliver.requireTls();
    }

    private void record(Envelope e, List<Finding> fs) {
        for (Finding f : fs) {
            String action = check.action(f.rule()).name().toLowerCase(Locale.ROOT);
            metrics.misdirected(f.rule(), action);
            log.info("{}: to=<{}> looked unusual for <{}>: {} ({}): {}", e.queueId(), f.recipient(), e.sender(),
                    f.rule(), action, f.detail());
            try {
                audit.record("system", "MISDIRECTED", null, e.queueId() + ": from " + e.sender() + " to "
                        + f.recipient() + ": " + f.rule() + " (" + action + "): " + f.detail(), "");
            } catch (SQLException ex) {
                log.warn("{}: the misdirection finding was not audited: {}", e.queueId(), ex.getMessage());
            }
        }
    }
}
