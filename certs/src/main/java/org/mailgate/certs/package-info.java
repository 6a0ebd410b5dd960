/**
 * Certificates and S/MIME: the recipient certificate store (import, validation, harvest from
 * signed mail), the organisation's identity, TLS identities, and the S/MIME facade that
 * encrypts (streaming) and signs byte-exact. Depends on BouncyCastle and Jakarta Mail only; must
 * not depend on config or the gateway.
 */
package org.mailgate.certs;
