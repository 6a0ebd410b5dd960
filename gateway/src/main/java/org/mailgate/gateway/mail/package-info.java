/**
 * The mail the gateway writes itself (sender notices, portal notices and replies, out-of-office
 * replies, telephone messages), made into RFC 5322 bytes for the
 * {@link org.mailgate.gateway.spool.Outbox} in one place: {@link org.mailgate.gateway.mail.OutgoingMail}.
 *
 * <p>Owns the shared form of those messages: the Date from the injected clock, one form of
 * Message-ID, UTF-8 text (and HTML) parts, CRLF line endings, and refusing header injection.
 * The words and the headers that say what kind of mail it is stay with each feature.
 * Must not depend on any feature package.
 */
package org.mailgate.gateway.mail;
