/**
 * Telephone messages taken for a colleague in the directory of staff: the form checked field
 * by field, the message stored with the caller's details sealed, and sent to the colleague as
 * internal mail, marked urgent when the taker says so (and, while they are on leave, to their
 * alternative contact when that is one of ours, who then sees it too); either marks it
 * called back.
 *
 * <p>Owns the table {@code taken_message}. Reads who is away from {@code ooo} and sends only
 * through the {@link org.mailgate.gateway.spool.Outbox}. Must not depend on {@code web},
 * {@code notify} or {@code pipeline}.
 */
package org.mailgate.gateway.phone;
