/**
 * Log output that cannot be forged: logback converters ({@code %safeMsg}, {@code %safeEx}) that
 * neutralise line breaks and control characters in every message and exception message, so that
 * no value from a client (login name, SMTP argument, header, reject reason) can start a log line
 * of its own. Used from {@code logback.xml}; depends on nothing else in the gateway.
 */
package org.mailgate.gateway.logging;
