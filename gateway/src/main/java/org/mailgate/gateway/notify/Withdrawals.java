package org.mailgate.gateway.notify;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineItem;

/**
 * The withdrawal link in a held notice ({@code <web.public_url>/withdraw?t=TOKEN}), and the
 * confirmation link of copies that wait for their sender ({@code /confirm?t=TOKEN}): the token
 * alone identifies the item and stands for its sender, so no login is needed. Independent of
 * the web framework; the page calls it.
 *
 * <p>The page should show {@link #itemFor} and withdraw only on a POST from a button: mail
 * scanners (Safe Links and the like) open every link in a message with GET.
 */
public final class Withdrawals {

    private final ReplyTokens tokens;
    private final Quarantine quarantine;

    Withdrawals(ReplyTokens tokens, Quarantine quarantine) {
        this.tokens = tokens;
        this.quarantine = quarantine;
    }

    /** The item a token names, to show before asking "withdraw this message?"; empty for a bad token. */
    public Optional<QuarantineItem> itemFor(String token) throws SQLException {
        OptionalLong id = tokens.verify(token);
        return id.isEmpty() ? Optional.empty() : quarantine.store().find(id.getAsLong());
    }

    /** The item's subject, unless it holds personal data (then a page must not show it). */
    public Optional<String> subjectShown(QuarantineItem item) {
        return FindingSummary.of(item.classification()).subjectSensitive() ? Optional.empty()
                : Optional.of(item.subject().isBlank() ? "(no subject)" : item.subject());
    }

    /**
     * Sends the copies of the item the token names that wait for its sender's confirmation (a
     * recipient looked unusual); {@code client} is recorded in the audit log.
     */
    public Quarantine.Outcome confirmByToken(String token, String client) throws SQLException {
        Optional<QuarantineItem> item = itemFor(token);
        if (item.isEmpty()) {
            return new Quarantine.Outcome(false,
                    "This link is not valid, or the message has already been deleted. Nothing was changed.");
        }
        return quarantine.confirmBySender(item.get().id(), item.get().sender(), client);
    }

    /** Withdraws the item the token names on behalf of its sender; {@code client} is recorded in the audit log. */
    public Quarantine.Outcome withdrawByToken(String token, String client) throws SQLException {
        Optional<QuarantineItem> item = itemFor(token);
        if (item.isEmpty()) {
            return new Quarantine.Outcome(false,
                    "This link is not valid, or the message has already been deleted. Nothing was changed.");
        }
        return quarantine.withdraw(item.get().id(), item.get().sender(), client);
    }
}
