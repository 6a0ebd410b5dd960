/**
 * DKIM (RFC 6376) for mail the gateway writes or alters: {@link org.mailgate.gateway.dkim.DkimSigning}
 * signs notices, portal mail, auto-replies, telephone messages, bounces and S/MIME copies for
 * the domain in their From, over the exact bytes sent, with Apache jDKIM; {@link
 * org.mailgate.gateway.dkim.DkimKeys} makes keys and the DNS records that publish them.
 *
 * <p>Depends on {@code delivery} (the hook it plugs into), {@code spool} (the envelope's origin)
 * and the config module. Must not depend on the stores, the pipeline or the web.
 */
package org.mailgate.gateway.dkim;
