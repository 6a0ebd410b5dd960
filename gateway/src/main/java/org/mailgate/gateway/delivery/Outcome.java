package org.mailgate.gateway.delivery;

/** What one delivery attempt did for one recipient. */
record Outcome(Result result, String reply, String relay) {

    enum Result { DELIVERED, DEFERRED, FAILED }

    static Outcome of(SmtpReply reply, String relay) {
        Result r = reply.isPositive() ? Result.DELIVERED : reply.isTransient() ? Result.DEFERRED : Result.FAILED;
        return new Outcome(r, reply.text(), relay);
    }

    static Outcome deferred(String reason, String relay) {
        return new Outcome(Result.DEFERRED, reason, relay);
    }

    static Outcome failed(String reason, String relay) {
        return new Outcome(Result.FAILED, reason, relay);
    }
}
