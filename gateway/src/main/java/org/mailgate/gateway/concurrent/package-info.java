/**
 * Owns how the gateway names and starts its threads ({@link org.mailgate.gateway.concurrent.NamedThreadFactory}).
 * Depends on nothing else in the gateway.
 */
package org.mailgate.gateway.concurrent;
