/**
 * Catching mail to the wrong recipient before it leaves. {@link
 * org.mailgate.gateway.misdirected.Correspondents} keeps, per internal sender, whom they write to
 * (addresses and domains, counts, first and last time) as keyed hashes in the shared store, and
 * learns from every message that goes. {@link org.mailgate.gateway.misdirected.Misdirection}
 * checks a message's recipients against that history (a first sensitive message to an address, a
 * look-alike of an address or domain the sender writes to often, the same name at a webmail
 * domain, many external recipients in To/Cc, internal and several unrelated external domains).
 * {@link org.mailgate.gateway.misdirected.MisdirectionStage} runs after the protection stage and
 * turns findings into the configured action: advice for the sender's notice, a copy waiting for
 * the sender's confirmation, or a hold for review.
 *
 * <p>Depends on {@code pipeline}, {@code policy}, {@code store}, {@code spool}, {@code metrics}
 * and the config module. Must not depend on the quarantine, the portal, notices or delivery.
 */
package org.mailgate.gateway.misdirected;
