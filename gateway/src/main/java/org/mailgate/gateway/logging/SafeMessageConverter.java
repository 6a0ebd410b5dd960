package org.mailgate.gateway.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg} in logback.xml: the formatted message with every value neutralised by
 * {@link LogText}, so a login name, an SMTP argument or a reject reason holding a line break
 * cannot write a line of its own into the log.
 */
public final class SafeMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.neutralise(super.convert(event));
    }
}
