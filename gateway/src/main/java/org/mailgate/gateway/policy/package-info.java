/**
 * What happens to each recipient's copy, as data: {@link org.mailgate.gateway.policy.Decision}
 * (deliver, encrypt, portal, hold, consume), the values it reads and gives (sensitivity,
 * sensitivity labels, advice for the sender), the pure {@link org.mailgate.gateway.policy.ProtectionPolicy}
 * that makes them from a classification, and the classification's JSON form. No I/O. Depends on
 * {@code spool} (envelopes) and the classifier's types; must not depend on any store or on
 * delivery.
 */
package org.mailgate.gateway.policy;
