/**
 * The queue on disk, like Postfix's: message files written with fsync and published by atomic
 * rename, each recipient's state, copies the pipeline writes (S/MIME), queue ids, and the
 * hand-offs {@link org.mailgate.gateway.spool.Arrivals} (to the queue manager) and
 * {@link org.mailgate.gateway.spool.Outbox} (mail the gateway writes itself). Depends on nothing
 * else in the gateway.
 */
package org.mailgate.gateway.spool;
