package org.mailgate.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailgate.gateway.Gateway;

/**
 * The set-up most end-to-end tests share, as a JUnit 5 extension: a fresh storage folder, an
 * internal and an external next hop ({@link TestSink}), a {@link MutableClock}, and a real
 * gateway started on them before each test and closed after it, with everything else.
 *
 * <pre>
 * &#64;RegisterExtension
 * final GatewayLab lab = GatewayLab.protectedStage()
 *         .with("quarantine:\n  notify_senders: false\n");
 *
 * &#64;Test
 * void ...() {
 *     try (SmtpConversation c = lab.gateway().ehlo()) { ... }
 *     assertThat(lab.external().received()) ...
 * }
 * </pre>
 */
public final class GatewayLab implements BeforeEachCallback, AfterEachCallback {

    private final boolean protectedStage;
    private final List<String> sections = new ArrayList<>();
    private Consumer<Gateway.Builder> customize = b -> { };
    private final MutableClock clock = new MutableClock();
    private Path dir;
    private TestSink internal;
    private TestSink external;
    private TestGateway gateway;

    private GatewayLab(boolean protectedStage) {
        this.protectedStage = protectedStage;
    }

    /** The gateway as in production: classification, policy, S/MIME, portal, quarantine. */
    public static GatewayLab protectedStage() {
        return new GatewayLab(true);
    }

    /** The relay alone (every recipient gets the original): for SMTP and delivery tests. */
    public static GatewayLab relay() {
        return new GatewayLab(false);
    }

    /** Configuration sections that replace {@link TestGateway#yaml}'s defaults. */
    public GatewayLab with(String... yaml) {
        sections.addAll(List.of(yaml));
        return this;
    }

    /** More set-up of the builder; the lab's clock is always set. */
    public GatewayLab builder(Consumer<Gateway.Builder> more) {
        this.customize = more;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("mailgate-lab-");
        internal = new TestSink();
        external = new TestSink();
        String yaml = TestGateway.yaml(dir, internal.port(), external.port(), sections.toArray(String[]::new));
        Consumer<Gateway.Builder> all = b -> customize.accept(b.clock(clock));
        gateway = protectedStage ? TestGateway.startProtected(yaml, all) : TestGateway.start(yaml, all);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            internal.close();
            external.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** The next hop for the organisation's own domains. */
    public TestSink internal() {
        return internal;
    }

    /** The next hop for everything else. */
    public TestSink external() {
        return external;
    }

    public MutableClock clock() {
        return clock;
    }

    /** The gateway's storage folder (spool, embedded store, keys). */
    public Path dir() {
        return dir;
    }
}
