/**
 * Scheduling and delivery, like Postfix's qmgr and smtp: {@link org.mailgate.gateway.delivery.QueueManager}
 * takes up messages as they arrive in the spool, has the pipeline process each once, then
 * delivers per next hop (smarthost, MX or folder) with retries, per-recipient order after a
 * deferral, and RFC 3464 bounces.
 *
 * <p>Owns routing, the SMTP client, TLS to the next hop (the level per recipient, {@link
 * org.mailgate.gateway.delivery.TlsRule}), MX lookups, the retry schedule and bounces. Features
 * plug in through interfaces: {@link org.mailgate.gateway.delivery.OutgoingSignature} (DKIM)
 * and {@link org.mailgate.gateway.delivery.TransportSecurity}: the recipient domain's MTA-STS
 * policy ({@link org.mailgate.gateway.delivery.MtaStsLookup}), the MX hosts' TLSA records
 * ({@link org.mailgate.gateway.delivery.DaneLookup}, checked here by {@link
 * org.mailgate.gateway.delivery.DaneTrust}) and where each TLS session's outcome goes ({@link
 * org.mailgate.gateway.delivery.TlsSessions}). Depends on {@code spool}, {@code pipeline} (to process) and {@code metrics}. Must not
 * depend on any feature (classification, portal, quarantine, notices): what a message becomes
 * is decided before delivery starts.
 */
package org.mailgate.gateway.delivery;
