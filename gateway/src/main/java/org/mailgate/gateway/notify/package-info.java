/**
 * Telling senders about their held mail, and hearing back from them.
 *
 * <p>Owns: the notices the gateway writes when a message is held and when it is decided
 * ({@link org.mailgate.gateway.notify.SenderNotices}), the signed reply tokens that route a
 * sender's reply or withdrawal link to the right quarantine item, and the handling of those
 * replies when they arrive over SMTP (consumed here, never delivered). Everything the gateway
 * writes goes out through the {@link org.mailgate.gateway.spool.Outbox} from the null sender,
 * as {@code Origin.GATEWAY}: it goes through the same classification and protection as any
 * mail bound outside, and is never answered or bounced back into a loop. Replies come in as
 * the pipeline's {@link org.mailgate.gateway.pipeline.OwnMail}; the sender notices are the
 * quarantine's {@link org.mailgate.gateway.quarantine.QuarantineEvents}.
 *
 * <p>Must not depend on the web UI: {@link org.mailgate.gateway.notify.Withdrawals} is the plain
 * entry point the withdrawal page calls.
 */
package org.mailgate.gateway.notify;
