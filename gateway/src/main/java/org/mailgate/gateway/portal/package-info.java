/**
 * The secure web portal for external recipients, in four rooms put together by
 * {@link org.mailgate.gateway.portal.Portal}: {@code PortalDeposit}, the pipeline's
 * {@link org.mailgate.gateway.pipeline.Deposit} for Portal decisions (the message sealed under
 * its own key, with the notices, in one transaction); {@code AccessCodes}, one-time codes and
 * their limits; {@code ReadingSessions}, short sessions bound to one message, streamed from the
 * store; and {@code SecureReplies}. Revocation and expiry are on {@code Portal} itself.
 *
 * <p>Owns the {@code portal_*} tables. Depends on {@code store}, {@code auth} (hashing), {@code
 * spool} (the outbox), {@code pipeline}, {@code policy} and {@code mail}. Must not depend on
 * {@code web} (the pages call it), {@code quarantine} or delivery.
 */
package org.mailgate.gateway.portal;
