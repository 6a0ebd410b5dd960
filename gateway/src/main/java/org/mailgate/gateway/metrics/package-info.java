/**
 * Prometheus metrics (Micrometer): messages received and rejected, recipient outcomes, queue
 * depth, delivery latency, JVM. Depends on nothing in the gateway; everyone may count here.
 */
package org.mailgate.gateway.metrics;
