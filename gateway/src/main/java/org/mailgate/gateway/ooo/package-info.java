/**
 * Out of office: leave periods for staff (from the leave file, the web UI and the JSON API,
 * kept in one store), RFC 3834 auto-replies to mail for people on leave, and telephone
 * messages taken for absent colleagues.
 *
 * <p>Owns the tables {@code leave_period}, {@code leave_file_state}, {@code leave_reply} and
 * {@code taken_message} (the caller's details sealed at rest). Hooks into mail only through
 * {@link org.mailgate.gateway.ooo.OutOfOffice#autoReplies}, a pipeline observer that never
 * changes what is delivered, and sends only through the {@link org.mailgate.gateway.spool.Outbox}. Must not depend on {@code web} or {@code notify}.
 */
package org.mailgate.gateway.ooo;
