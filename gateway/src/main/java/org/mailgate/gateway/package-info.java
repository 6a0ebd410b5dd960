/**
 * The composition root: {@link org.mailgate.gateway.Gateway} builds every part from the
 * configuration, in an order that never answers 250 before the queue can take the message, and
 * wires them explicitly (docs/architecture.md shows the path and the packages). Nothing else
 * lives here; no package may depend on this one.
 */
package org.mailgate.gateway;
