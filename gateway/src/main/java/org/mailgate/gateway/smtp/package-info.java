/**
 * Receiving mail over SMTP: sessions (subethasmtp runs the connections, every command is ours),
 * limits and framing, STARTTLS and AUTH, the relay rule, and a durable 250 once the spool has
 * the message. Depends on {@code spool}, {@code auth}, {@code metrics} and {@code notify} (the
 * notice address is accepted as a recipient); must not depend on the pipeline, delivery or any
 * store: what happens to a message is decided after the spool.
 */
package org.mailgate.gateway.smtp;
