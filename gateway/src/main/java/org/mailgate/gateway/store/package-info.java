/**
 * The shared store: the database (embedded H2 or PostgreSQL, Flyway migrations), the master
 * key and what is derived from it, sealing at rest ({@code SealedBox} for small values,
 * {@code SealedChunks} for message bodies in segments) and the audit log. Depends on nothing
 * else in the gateway; the features keep their own tables through it.
 */
package org.mailgate.gateway.store;
