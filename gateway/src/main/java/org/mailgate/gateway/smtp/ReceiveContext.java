package org.mailgate.gateway.smtp;

import java.time.Clock;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;

/** What every SMTP command needs, gathered once by {@link SmtpReceiver}. */
record ReceiveContext(
        GatewayConfig config,
        Connections connections,
        Spool spool,
        QueueIds queueIds,
        Clock clock,
        Consumer<Envelope> onAccepted,
        SSLContext tls,
        GatewayMetrics metrics) {

    GatewayConfig.Smtp smtp() {
        return config.smtp();
    }
}
