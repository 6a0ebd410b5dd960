package org.mailgate.gateway.spool;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Messages just committed to the spool, waiting for the queue to take them up (Postfix's
 * "incoming" queue). Whoever spools a message (the SMTP receiver, the gateway's own outbox,
 * bounces) adds its envelope here; the queue manager takes them in order. Built before both
 * sides, so neither needs the other.
 */
public final class Arrivals {

    private final LinkedBlockingQueue<Envelope> queue = new LinkedBlockingQueue<>();

    public void add(Envelope committed) {
        queue.add(committed);
    }

    /** The next message, waiting for one. */
    public Envelope take() throws InterruptedException {
        return queue.take();
    }
}
