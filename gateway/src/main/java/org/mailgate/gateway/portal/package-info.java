/**
 * The secure web portal for external recipients: the pipeline's {@link org.mailgate.gateway.pipeline.Deposit}
 * for Portal decisions (the message sealed under its own key), the notices and sender
 * confirmations, one-time codes, short reading sessions, secure replies and revocation.
 *
 * <p>Owns the {@code portal_*} tables. Depends on {@code store}, {@code auth} (hashing), {@code
 * spool} (the outbox), {@code pipeline}, {@code policy} and {@code mail}. Must not depend on
 * {@code web} (the pages call it), {@code quarantine} or delivery.
 */
package org.mailgate.gateway.portal;
