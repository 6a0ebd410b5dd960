package org.mailgate.gateway.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailgate.gateway.pipeline.DecisionExecutor;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.RecipientState;

/** Carries out {@link Decision.Portal} decisions; every other decision goes to the next executor. */
public final class PortalExecutor implements DecisionExecutor {

    private final Portal portal;
    private final DecisionExecutor next;

    public PortalExecutor(Portal portal, DecisionExecutor next) {
        this.portal = portal;
        this.next = next;
    }

    @Override
    public List<RecipientState> execute(SpooledMessage message, List<Decision> decisions) {
        List<Decision.Portal> mine = new ArrayList<>();
        List<Decision> others = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Portal p) {
                mine.add(p);
            } else {
                others.add(d);
            }
        }
        if (mine.isEmpty()) {
            return next.execute(message, decisions);
        }
        Map<String, RecipientState> byRecipient = new LinkedHashMap<>();
        portal.deposit(message, mine).forEach(s -> byRecipient.put(s.address(), s));
        if (!others.isEmpty()) {
            next.execute(message, others).forEach(s -> byRecipient.put(s.address(), s));
        }
        return decisions.stream().map(d -> byRecipient.get(d.recipient())).toList();
    }
}
