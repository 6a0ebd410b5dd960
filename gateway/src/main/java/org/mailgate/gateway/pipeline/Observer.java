package org.mailgate.gateway.pipeline;

/**
 * Something that happens because a message arrived over SMTP, beside its delivery (an
 * out-of-office reply). It never changes a decision and never throws; slow work belongs on its
 * own threads.
 */
@FunctionalInterface
public interface Observer {

    void seen(SpooledMessage message);
}
