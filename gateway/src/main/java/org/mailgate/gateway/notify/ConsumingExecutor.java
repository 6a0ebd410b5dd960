package org.mailgate.gateway.notify;

import java.util.ArrayList;
import java.util.List;
import org.mailgate.gateway.pipeline.DecisionExecutor;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.spool.RecipientState;

/**
 * In front of the real executor: carries out {@link Decision.Consume} by handing the reply to
 * {@link NoticeReplies} (which never throws), and passes every other decision on. Replies are
 * taken first, so that a failure of the real executor cannot lose them.
 */
final class ConsumingExecutor implements DecisionExecutor {

    private final NoticeReplies replies;
    private final DecisionExecutor next;

    ConsumingExecutor(NoticeReplies replies, DecisionExecutor next) {
        this.replies = replies;
        this.next = next;
    }

    @Override
    public List<RecipientState> execute(SpooledMessage message, List<Decision> decisions) {
        if (decisions.stream().noneMatch(d -> d instanceof Decision.Consume)) {
            return next.execute(message, decisions);
        }
        List<Decision> others = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Consume) {
                replies.accept(message, d.recipient());
            } else {
                others.add(d);
            }
        }
        List<RecipientState> theirs = others.isEmpty() ? List.of() : next.execute(message, others);
        if (theirs.size() != others.size()) {
            throw new IllegalStateException("the executor returned " + theirs.size() + " states for "
                    + others.size() + " decisions");
        }
        List<RecipientState> out = new ArrayList<>(decisions.size());
        int i = 0;
        for (Decision d : decisions) {
            out.add(d instanceof Decision.Consume ? DecisionExecutor.basic(d) : theirs.get(i++));
        }
        return out;
    }
}
