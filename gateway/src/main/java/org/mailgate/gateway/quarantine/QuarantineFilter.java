package org.mailgate.gateway.quarantine;

import java.time.Instant;
import java.util.Optional;
import org.mailgate.gateway.policy.HoldReason;

/**
 * What a reviewer asks the queue for. Every part is optional; {@code recipientDomain} finds its
 * subdomains too; {@code rule} is the rule that held the item; {@code search} finds items where
 * each of its words begins a word of the subject, the sender or a recipient (see {@link SearchTerms}). Paging is by id, newest first:
 * {@code beforeId} is the last id of the previous page.
 */
public record QuarantineFilter(
        Optional<QuarantineItem.Status> status,
        Optional<String> sender,
        Optional<String> recipientDomain,
        Optional<String> findingType,
        Optional<HoldReason.Rule> rule,
        Optional<Instant> heldFrom,
        Optional<Instant> heldUntil,
        Optional<String> search,
        Optional<Long> beforeId,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public QuarantineFilter {
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    /** Every held item, newest first, one page. */
    public static QuarantineFilter held(int limit) {
        return new QuarantineFilter(Optional.of(QuarantineItem.Status.HELD), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                limit);
    }

    public static QuarantineFilter all(int limit) {
        return new QuarantineFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public QuarantineFilter before(long id) {
        return new QuarantineFilter(status, sender, recipientDomain, findingType, rule, heldFrom, heldUntil, search,
                Optional.of(id), limit);
    }
}
