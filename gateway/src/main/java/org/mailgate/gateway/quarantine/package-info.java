/**
 * Held mail waiting for the Information Assurance team: the pipeline's
 * {@link org.mailgate.gateway.pipeline.HoldingArea}. Owns the {@code quarantine_item} tables
 * (the message sealed at rest, its classification, reasons, notes), search, and the decisions
 * (release protected or in clear, reject, withdraw) with their audit records, and tells the
 * sender notices through {@link org.mailgate.gateway.quarantine.QuarantineEvents}.
 *
 * <p>Depends on {@code store}, {@code spool} (the outbox for releases), {@code pipeline} and
 * {@code policy}. Must not depend on {@code web}, {@code notify} or delivery.
 */
package org.mailgate.gateway.quarantine;
