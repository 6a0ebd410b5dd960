/**
 * Out of office: leave periods for staff (from the leave file, the web UI and the JSON API,
 * kept in one store), RFC 3834 auto-replies to mail for people on leave, and the notice a
 * member of staff gets when someone else sets their leave ({@code LeaveNotices}). Telephone
 * messages taken for them live in {@code phone}.
 *
 * <p>Owns the tables {@code leave_period}, {@code leave_file_state} and {@code leave_reply}.
 * Hooks into mail only through {@link org.mailgate.gateway.ooo.OutOfOffice#autoReplies}, a
 * pipeline observer that never changes what is delivered, and sends only through the
 * {@link org.mailgate.gateway.spool.Outbox}. Must not depend on {@code web}, {@code notify}
 * or {@code phone}.
 */
package org.mailgate.gateway.ooo;
