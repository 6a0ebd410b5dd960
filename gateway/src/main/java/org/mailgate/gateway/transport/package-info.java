/**
 * Transport security that receivers and senders look up in DNS and on the web: our own MTA-STS
 * policy (RFC 8461) as served at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}, and
 * the records that publish it and ask for TLS reports (RFC 8460) ({@link
 * org.mailgate.gateway.transport.OwnPolicy}); and the MTA-STS policies of the domains we send to,
 * fetched and cached in the shared store ({@link org.mailgate.gateway.transport.MtaStsPolicies},
 * the {@code delivery} lookup); the MX hosts' TLSA records, validated with DNSSEC ({@link
 * org.mailgate.gateway.transport.DnssecTlsa}); and the TLS reports (RFC 8460) we send about the
 * domains we deliver to ({@link org.mailgate.gateway.transport.TlsReports}, with {@link
 * org.mailgate.gateway.transport.ReportRequests} for {@code tls report --now}).
 *
 * <p>Depends on {@code delivery} (the lookups it implements), {@code store}, {@code spool} (the
 * outbox report mail goes through) and the config module. Must not depend on the pipeline or
 * the web.
 */
package org.mailgate.gateway.transport;
