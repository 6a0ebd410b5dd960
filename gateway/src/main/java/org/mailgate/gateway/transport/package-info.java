/**
 * Transport security that receivers and senders look up in DNS and on the web: our own MTA-STS
 * policy (RFC 8461) as served at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}, and
 * the records that publish it and ask for TLS reports (RFC 8460) ({@link
 * org.mailgate.gateway.transport.OwnPolicy}).
 *
 * <p>Depends on the config module only. Must not depend on the stores, the pipeline or the web.
 */
package org.mailgate.gateway.transport;
