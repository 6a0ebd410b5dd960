package org.mailgate.gateway.web;

import java.sql.SQLException;
import java.util.Optional;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineItem;
import org.mailgate.gateway.quarantine.QuarantineItem.ReleaseMode;

/**
 * Carries out reviewers' actions on held mail and words the outcome for the UI and the API.
 * The quarantine makes the decision (one conditional update, so of two reviewers acting at once
 * exactly one wins); this tells the loser plainly that the item was already decided, and by whom.
 */
final class ReviewActions {

    enum Kind { DONE, ALREADY_DECIDED, NOT_FOUND, REFUSED }

    record Result(Kind kind, String message) {
        boolean done() {
            return kind == Kind.DONE;
        }

        /** The HTTP status the API answers with. */
        int status() {
            return switch (kind) {
                case DONE -> 200;
                case ALREADY_DECIDED -> 409;
                case NOT_FOUND -> 404;
                case REFUSED -> 422;
            };
        }
    }

    private final Quarantine quarantine;

    ReviewActions(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    Result release(long id, ReleaseMode mode, String actor, String justification, String client) throws SQLException {
        return result(id, quarantine.release(id, mode, actor, justification, client));
    }

    Result reject(long id, String actor, String reason, String client) throws SQLException {
        return result(id, quarantine.reject(id, actor, reason, client));
    }

    private Result result(long id, Quarantine.Outcome outcome) throws SQLException {
        if (outcome.done()) {
            return new Result(Kind.DONE, outcome.message());
        }
        Optional<QuarantineItem> item = quarantine.store().find(id);
        if (item.isEmpty()) {
            return new Result(Kind.NOT_FOUND, "No such item: it may have been purged.");
        }
        QuarantineItem i = item.get();
        if (i.status() != QuarantineItem.Status.HELD) {
            return new Result(Kind.ALREADY_DECIDED, "Already decided: " + Format.lower(i.status())
                    + (i.decidedBy() == null ? "" : " by " + i.decidedBy()) + ". Nothing was changed.");
        }
        return new Result(Kind.REFUSED, outcome.message());
    }
}
