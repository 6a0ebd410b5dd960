package org.mailgate.gateway.web;

/**
 * A request that cannot be served, with the HTTP status and a sentence for the person (or
 * program) that sent it. Thrown by routes; turned into a page or JSON in one place.
 */
final class WebError extends RuntimeException {

    private final int status;

    WebError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static WebError signIn() {
        return new WebError(401, "Sign in first.");
    }

    static WebError forbidden(String message) {
        return new WebError(403, message);
    }

    static WebError notFound(String message) {
        return new WebError(404, message);
    }

    static WebError badRequest(String message) {
        return new WebError(400, message);
    }
}
