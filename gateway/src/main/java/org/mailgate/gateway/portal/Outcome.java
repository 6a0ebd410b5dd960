package org.mailgate.gateway.portal;

/** What a request to the portal came to; {@code message} is fit to show the person who asked. */
public record Outcome(boolean ok, String message) {
}
