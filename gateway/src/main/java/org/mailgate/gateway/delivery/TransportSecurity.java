package org.mailgate.gateway.delivery;

/**
 * What delivery looks up and tells about transport security, implemented outside this package:
 * the recipient domain's MTA-STS policy, the MX hosts' TLSA records (DANE) and where each TLS
 * session's outcome goes (TLS reports).
 */
public record TransportSecurity(MtaStsLookup mtaSts, DaneLookup dane, TlsSessions sessions) {
}
