package org.mailgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** The gateway's own figures, exported in Prometheus format on {@code /metrics}. */
public final class GatewayMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter received;
    private final DistributionSummary receivedBytes;
    private final Counter delivered;
    private final Counter deferred;
    private final Counter bounced;
    private final Counter held;
    private final Timer deliveryLatency;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GatewayMetrics() {
        received = Counter.builder("gateway.messages.received").description("Messages accepted with 250").register(registry);
        receivedBytes = DistributionSummary.builder("gateway.messages.received.size").baseUnit("bytes")
                .description("Size of accepted messages").register(registry);
        delivered = deliveries("delivered");
        deferred = deliveries("deferred");
        bounced = deliveries("bounced");
        held = deliveries("held");
        deliveryLatency = Timer.builder("gateway.delivery.latency")
                .description("Time from acceptance to delivery, per recipient")
                .publishPercentiles(0.5, 0.99).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    private Counter deliveries(String result) {
        return Counter.builder("gateway.recipients").tag("result", result)
                .description("Recipient outcomes: delivered, deferred (will retry), bounced, held")
                .register(registry);
    }

    public void received(long bytes) {
        received.increment();
        receivedBytes.record(bytes);
    }

    public void rejected(String reason) {
        registry.counter("gateway.messages.rejected", "reason", reason).increment();
    }

    public void delivered(int recipients, Duration sinceReceived) {
        delivered.increment(recipients);
        for (int i = 0; i < recipients; i++) {
            deliveryLatency.record(sinceReceived);
        }
    }

    public void deferred(int recipients) {
        deferred.increment(recipients);
    }

    public void bounced(int recipients) {
        bounced.increment(recipients);
    }

    /** A recipient's copy went protected: {@code route} is smime, tls or portal. */
    public void protectedCopy(String route) {
        registry.counter("gateway.protected", "route", route).increment();
    }

    /** An out-of-office reply was queued. */
    /** A sensitivity label or marking seen on a message bound outside: {@code gateway_labels_total{source,action}}. */
    public void label(String source, String action) {
        registry.counter("gateway.labels", "source", source, "action", action).increment();
    }

    /** A misdirection rule fired for a recipient: {@code gateway_misdirected_total{rule,action}}. */
    public void misdirected(String rule, String action) {
        registry.counter("gateway.misdirected", "rule", rule, "action", action).increment();
    }

    /** One recipient's delivery attempt to a next hop: {@code gateway_tls_deliveries_total{policy,result}}. */
    public void tlsDelivery(String policy, String result) {
        registry.counter("gateway.tls.deliveries", "policy", policy, "result", result).increment();
    }

    /** An MTA-STS policy that could not be fetched: {@code gateway_mta_sts_fetch_failures_total}. */
    public void mtaStsFetchFailed() {
        registry.counter("gateway.mta.sts.fetch.failures").increment();
    }

    /** A TLSA lookup for an MX host: {@code gateway_dane_lookups_total{result=secure|insecure|bogus|unusable}}. */
    public void daneResult(String result) {
        registry.counter("gateway.dane.lookups", "result", result).increment();
    }

    public void autoReplied() {
        registry.counter("gateway.ooo.replies").increment();
    }

    public void held(int recipients) {
        held.increment(recipients);
    }

    /** Registers the queue depth, read when scraped. */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("gateway.queue.depth", depth).description("Messages in this node's spool").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
