package org.mailgate.gateway.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.Gateway;
import org.mailgate.gateway.pipeline.ProcessingStage;

/**
 * Starts a real gateway on ephemeral ports for a test, with data in a temp folder. Sections
 * given by the test replace the defaults below; the rest are filled in.
 */
public final class TestGateway implements AutoCloseable {

    private final Gateway gateway;
    private final GatewayConfig config;

    private boolean closed;

    private TestGateway(Gateway gateway, GatewayConfig config) {
        this.gateway = gateway;
        this.config = config;
    }

    public static String yaml(Path dir, int internalPort, int externalPort, String... sections) {
        List<String> all = new ArrayList<>(List.of(sections));
        add(all, "smtp:\n  listen: 127.0.0.1:0\n  hostname: gw.test\n");
        add(all, "domains:\n  internal: [council.example]\n");
        add(all, "routes:\n  internal: 127.0.0.1:" + internalPort + "\n  external: 127.0.0.1:" + externalPort + "\n");
        add(all, "delivery:\n  retry_intervals: [1s]\n  concurrency: 4\n  connect_timeout: 2s\n");
        add(all, "storage:\n  dir: " + dir + "\n");
        add(all, "web:\n  listen: 127.0.0.1:0\n");
        return String.join("", all);
    }

    private static void add(List<String> sections, String fallback) {
        String key = fallback.substring(0, fallback.indexOf(':') + 1);
        if (sections.stream().noneMatch(s -> s.startsWith(key))) {
            sections.add(fallback);
        }
    }

    public static TestGateway start(String yaml) throws Exception {
        return start(yaml, b -> { });
    }

    /**
     * A gateway with the relay-only stage (the relay's tests are about SMTP and delivery), unless
     * the customiser sets another; {@link #startProtected} runs the real protection stage.
     */
    public static TestGateway start(String yaml, Consumer<Gateway.Builder> customize) throws Exception {
        GatewayConfig config = new ConfigLoader().parse(yaml, "test.yaml");
        Gateway.Builder builder = Gateway.builder(config).stage(ProcessingStage.deliverAll());
        customize.accept(builder);
        return new TestGateway(builder.start(), config);
    }

    /** The gateway as it runs in production: classification, policy, S/MIME. */
    public static TestGateway startProtected(String yaml, Consumer<Gateway.Builder> customize) throws Exception {
        GatewayConfig config = new ConfigLoader().parse(yaml, "test.yaml");
        Gateway.Builder builder = Gateway.builder(config);
        customize.accept(builder);
        return new TestGateway(builder.start(), config);
    }

    public int smtpPort() {
        return gateway.smtpPort();
    }

    public int webPort() {
        return gateway.webPort();
    }

    public Gateway gateway() {
        return gateway;
    }

    public GatewayConfig config() {
        return config;
    }

    public SmtpConversation connect() throws Exception {
        SmtpConversation c = new SmtpConversation(smtpPort());
        SmtpConversation.expect(c.greeting(), 220);
        return c;
    }

    /** Connects and says EHLO. */
    public SmtpConversation ehlo() throws Exception {
        SmtpConversation c = connect();
        SmtpConversation.expect(c.command("EHLO client.test"), 250);
        return c;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            gateway.close();
        }
    }
}
