package org.mailgate.gateway;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.OrganisationIdentity;
import org.mailgate.certs.TlsIdentity;
import org.mailgate.classifier.Classifier;
import org.mailgate.classifier.IsolatedClassifier;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.dashboard.Dashboard;
import org.mailgate.gateway.dashboard.ProtectedRoutes;
import org.mailgate.gateway.delivery.Delivery;
import org.mailgate.gateway.delivery.MtaStsLookup;
import org.mailgate.gateway.delivery.QueueManager;
import org.mailgate.gateway.metrics.GatewayMetrics;
import org.mailgate.gateway.notify.Notifications;
import org.mailgate.gateway.notify.SenderNotices;
import org.mailgate.gateway.notify.Withdrawals;
import org.mailgate.gateway.concurrent.NamedThreadFactory;
import org.mailgate.gateway.ooo.OutOfOffice;
import org.mailgate.gateway.ooo.SensitiveText;
import org.mailgate.gateway.phone.MessagesTaken;
import org.mailgate.gateway.dkim.DkimSigning;
import org.mailgate.gateway.misdirected.Correspondents;
import org.mailgate.gateway.transport.MtaStsPolicies;
import org.mailgate.gateway.transport.OwnPolicy;
import org.mailgate.gateway.transport.DnssecTlsa;
import org.mailgate.gateway.transport.ReportRequests;
import org.mailgate.gateway.transport.TlsReports;
import org.mailgate.gateway.delivery.DaneLookup;
import org.mailgate.gateway.delivery.TransportSecurity;
import org.mailgate.gateway.misdirected.Misdirection;
import org.mailgate.gateway.misdirected.MisdirectionStage;
import org.mailgate.gateway.pipeline.ProcessingStage;
import org.mailgate.gateway.pipeline.Pipeline;
import org.mailgate.gateway.policy.ProtectionPolicy;
import org.mailgate.gateway.protect.ProtectionExecutor;
import org.mailgate.gateway.protect.ProtectionStage;
import org.mailgate.gateway.protect.ClassifierSetup;
import org.mailgate.gateway.protect.SmimeSetup;
import org.mailgate.gateway.portal.Portal;
import org.mailgate.gateway.quarantine.Quarantine;
import org.mailgate.gateway.quarantine.QuarantineStore;
import org.mailgate.gateway.smtp.SmtpReceiver;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.spool.Arrivals;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.spool.SpoolEntry;
import org.mailgate.gateway.store.DailyCounts;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.MasterKey;
import org.mailgate.gateway.store.SealedBox;
import org.mailgate.gateway.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

/**
 * The composition root: builds every part from the configuration, wires them explicitly, and
 * starts them in an order that never answers 250 before the queue can take the message.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayMetrics metrics;
    private final Database database;
    private final Quarantine quarantine;
    private final Portal portal;
    private final Dashboard dashboard;
    private final Users users;
    private final AuditLog audit;
    private final Withdrawals withdrawals;
    private final OutOfOffice outOfOffice;
    private final MessagesTaken phoneMessages;
    private final java.util.concurrent.ScheduledExecutorService housekeeping;
    private final java.util.concurrent.ScheduledExecutorService reporting;
    private final Pipeline pipeline;
    private final IsolatedClassifier scanner;
    private final QueueManager queue;
    private final TlsReports tlsReports;
    private long tlsReportTicks;
    private final SmtpReceiver receiver;
    private final WebServer web;

    private Gateway(Builder b) throws IOException, GeneralSecurityException {
        GatewayConfig config = b.config;
        Clock clock = b.clock;
        this.metrics = new GatewayMetrics();

        // The spool, and the hand-off from whoever spools a message to the queue.
        Spool spool = new Spool(config.storage().dir());
        List<SpoolEntry> recovered = spool.recover();
        QueueIds ids = new QueueIds(clock);
        Arrivals arrivals = new Arrivals();
        Outbox outbox = Outbox.of(spool, ids, arrivals, config.smtp().hostname(), clock);

        // The shared store and what lives in it.
        this.database = Database.open(config.storage());
        MasterKey masterKey = MasterKey.load(config.storage().masterKey(), config.storage().dir());
        this.audit = new AuditLog(database, clock);
        this.users = new Users(database, clock, config.web().maxLoginFailures(), config.web().lockout());
        byte[] replyTokenKey = masterKey.derive("reply-token");
        if (!config.quarantine().notifySenders()) {
            log.info("quarantine: notify_senders is false: senders of held mail are not told");
        }
        this.portal = new Portal(database, masterKey, audit, outbox, clock, config);
        QuarantineStore quarantineStore = new QuarantineStore(database, clock.getZone());
        SenderNotices senderNotices = Notifications.senderNotices(config, outbox, replyTokenKey, quarantineStore,
                portal::revokeLink, clock);
        this.quarantine = new Quarantine(quarantineStore, masterKey.derive("at-rest"),
                audit, outbox, clock, config.smtp().hostname(),
                java.time.Duration.ofDays(config.quarantine().retentionDays()), senderNotices);
        Notifications notifications = new Notifications(config, quarantine, outbox, replyTokenKey, clock);
        this.withdrawals = notifications.withdrawals();
        DailyCounts counts = new DailyCounts(database, clock);
        this.dashboard = new Dashboard(quarantine.store(), portal, counts, clock);
        this.outOfOffice = OutOfOffice.start(config, database, audit, outbox,
                new SensitiveText(new Classifier(ClassifierSetup.settings(config))), clock, () -> {
                    counts.add(ProtectedRoutes.OOO_REPLY, 1);
                    metrics.autoReplied();
                });
        this.phoneMessages = MessagesTaken.create(config, database, outOfOffice.schedule(), outbox, audit,
                new SealedBox(masterKey.derive("taken-message")), address -> inStaffDirectory(config, address), clock);

        // S/MIME and the protection policy.
        CertificateStore certificates = SmimeSetup.certificateStore(config, clock);
        OrganisationIdentity identity = SmimeSetup.identity(config, clock);
        log.info("smime: {} recipient certificate(s) in {}; organisation certificate {}{}", certificates.list().size(),
                SmimeSetup.storeDir(config), identity.certificate().getSubjectX500Principal().getName(),
                config.smime().sign() == GatewayConfig.Signing.NONE ? "" : "; signing " + config.smime().sign());
        ProtectionPolicy policy = new ProtectionPolicy(config);
        Predicate<String> internal = rcpt -> config.domains().isInternal(Envelope.domainOf(rcpt));

        // The path after the spool; Pipeline states the order in which these steps run.
        Correspondents correspondents = new Correspondents(database, masterKey.derive("correspondents"), clock,
                internal);
        ProcessingStage stage = b.stage;
        ProcessingStage generated = stage;
        if (stage == null && config.policy().stage() == GatewayConfig.Stage.RELAY) {
            log.warn("policy.stage is relay: nothing is classified or protected; external mail leaves as it came");
            stage = ProcessingStage.deliverAll();
            generated = stage;
        }
        if (stage == null) {
            this.scanner = new IsolatedClassifier(ClassifierSetup.settings(config));
            scanner.prestart();
            ProcessingStage protection = new ProtectionStage(config, m -> {
                try (var in = m.open()) {
                    return scanner.classify(in);
                }
            }, policy, certificates, metrics);
            generated = protection;
            stage = config.misdirected().off() ? protection : new MisdirectionStage(protection,
                    new Misdirection(correspondents, config.misdirected(), config.domains()), internal, metrics, audit);
        } else {
            this.scanner = null;
        }
        this.pipeline = new Pipeline(new Pipeline.Steps(
                notifications.replies(),
                stage,
                generated, // mail the gateway wrote itself is classified and protected like any other
                List.of(outOfOffice.autoReplies()),
                new ProtectionExecutor(spool, certificates, identity, config.smime().sign(),
                        SmimeSetup.options(config), policy, internal),
                portal.deposit(),
                quarantine,
                List.of(senderNotices, new ProtectedRoutes(counts, metrics), correspondents)),
                config.delivery().processingTimeout(), internal, metrics);
        // Transport security: MTA-STS, DANE and the TLS reports about both.
        Resolver dns = b.dnsResolver != null ? b.dnsResolver : Delivery.resolverFor(config.dns());
        this.tlsReports = new TlsReports(database, clock, dns, Delivery.verifiedTls(config), outbox, config.tlsRpt(),
                config.portal().organisation());
        TransportSecurity security = new TransportSecurity(
                config.delivery().mtaSts() ? new MtaStsPolicies(database, dns, Delivery.verifiedTls(config),
                        config.delivery().mtaStsPort(), clock, failure -> {
                            metrics.mtaStsFetchFailed();
                            tlsReports.record(failure);
                        }) : MtaStsLookup.none(),
                usesDane(config) ? new DnssecTlsa(dns, config.dns().trustAnchor()) : DaneLookup.none(),
                tlsReports);
        this.queue = Delivery.queueManager(config, spool, pipeline, arrivals, ids, clock, metrics, dns,
                b.mxPort != null ? b.mxPort : config.delivery().mxPort(), DkimSigning.from(config.dkim()), security);
        queue.start(recovered);

        this.housekeeping = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("housekeeping"));
        housekeeping.scheduleWithFixedDelay(() -> purge(correspondents,
                java.time.Duration.ofDays(config.misdirected().historyDays())), 1, 60, java.util.concurrent.TimeUnit.MINUTES);
        // Copies waiting for their sender are withdrawn soon after the timeout: look every tenth of
        // it, at most every 10 seconds (an indexed query for held items only).
        java.time.Duration timeout = config.misdirected().confirmTimeout();
        long every = Math.max(1000, Math.min(10_000, timeout.toMillis() / 10));
        housekeeping.scheduleWithFixedDelay(() -> withdrawUnconfirmed(timeout), every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        ReportRequests reportRequests = new ReportRequests(config.storage().dir());
        // A thread of its own: a day's reports (a DNS lookup and perhaps an HTTPS POST per domain)
        // must not hold up the withdrawal of unconfirmed copies.
        this.reporting = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("tls-reports"));
        reporting.scheduleWithFixedDelay(() -> tlsReports(reportRequests), 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        this.receiver = new SmtpReceiver(config, spool, ids, clock, arrivals::add, tls(config, clock), metrics);
        this.web = new WebServer(new WebServer.Deps(config.web(), metrics, queue::depth, quarantine, portal,
                withdrawals, config.portal().organisation(), users, audit, database, clock, outOfOffice,
                phoneMessages, dashboard, new OwnPolicy(config)::forHost));
        receiver.start();
        web.start();
        log.info("gateway: internal mail goes to {}, external mail to {}; data in {}",
                config.routes().internal(), config.routes().external(), config.storage().dir());
    }

    private void purge(Correspondents correspondents, java.time.Duration history) {
        try {
            quarantine.purgeExpired();
            portal.purgeExpired();
            correspondents.purge(history);
        } catch (Exception e) {
            log.warn("store: purge of expired items failed, will try again in an hour: {}", e.toString());
        }
    }

    /**
     * Every second: a {@code tls report --now} request; every 10 seconds the TLS session counts go
     * to the shared store; every minute, the daily reports of the days before today.
     */
    private void tlsReports(ReportRequests requests) {
        try {
            requests.serve(tlsReports::sendNow);
            long tick = ++tlsReportTicks;
            if (tick % 10 == 0) {
                tlsReports.flush();
            }
            if (tick % 60 == 0) {
                tlsReports.sendDue();
            }
        } catch (Exception e) {
            log.warn("tls-rpt: {}", e.toString());
        }
    }

    /** Whether TLSA records are ever asked: DANE by default, or a destination with the dane levels. */
    private static boolean usesDane(GatewayConfig config) {
        return config.delivery().dane() || config.delivery().domains().values().stream().anyMatch(p ->
                p.tls() == GatewayConfig.TlsPolicy.DANE || p.tls() == GatewayConfig.TlsPolicy.DANE_ONLY);
    }

    private void withdrawUnconfirmed(java.time.Duration timeout) {
        try {
            quarantine.withdrawUnconfirmed(timeout);
        } catch (Exception e) {
            log.warn("quarantine: withdrawing unconfirmed copies failed, will try again: {}", e.toString());
        }
    }

    private static SSLContext tls(GatewayConfig config, Clock clock) throws IOException {
        GatewayConfig.Tls tls = config.smtp().tls();
        if (tls.certificate().isPresent()) {
            return TlsIdentity.load(tls.certificate().get(), tls.key().orElseThrow()).serverContext();
        }
        TlsIdentity.Generated g = TlsIdentity.selfSigned(config.storage().dir().resolve("tls"),
                config.smtp().hostname(), clock);
        if (g.created()) {
            log.warn("smtp: no TLS certificate configured; generated a self-signed one at {} "
                    + "(set smtp.tls.certificate and smtp.tls.key for production)", g.certificate());
        } else {
            log.info("smtp: using the self-signed TLS certificate at {}", g.certificate());
        }
        return g.identity().serverContext();
    }

    public static Builder builder(GatewayConfig config) {
        return new Builder(config);
    }

    public int smtpPort() {
        return receiver.port();
    }

    public int webPort() {
        return web.port();
    }

    public QueueManager queue() {
        return queue;
    }

    public Quarantine quarantine() {
        return quarantine;
    }

    /**
     * The directory of staff a telephone message may be for: an account, someone with leave on
     * record, a line manager or team member in {@code leave.managers}, or an alias.
     */
    private boolean inStaffDirectory(GatewayConfig config, String address) {
        try {
            GatewayConfig.Leave leave = config.leave();
            return users.find(address).isPresent() || !outOfOffice.schedule().periodsOf(address).isEmpty()
                    || leave.managers().containsKey(address)
                    || leave.managers().values().stream().anyMatch(team -> team.contains(address))
                    || leave.aliases().containsKey(address);
        } catch (java.sql.SQLException e) {
            return true; // the store cannot say: let the message go to the address as typed
        }
    }

    /** The IA team's figures, as the dashboard shows them. */
    public Dashboard dashboard() {
        return dashboard;
    }

    public Portal portal() {
        return portal;
    }

    public Users users() {
        return users;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The withdrawal link of held notices, for the web page at /withdraw. */
    public Withdrawals withdrawals() {
        return withdrawals;
    }

    /** Leave schedule, leave file, telephone messages: for the web UI and the API. */
    public OutOfOffice outOfOffice() {
        return outOfOffice;
    }

    /** The shared store, for tests and commands that look at its tables. */
    public Database database() {
        return database;
    }

    public MessagesTaken phoneMessages() {
        return phoneMessages;
    }

    @Override
    public void close() {
        receiver.stop();
        housekeeping.shutdownNow();
        reporting.shutdown(); // a report being sent finishes (its rows are claimed in one transaction)
        try {
            reporting.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
        tlsReports.flush();
        pipeline.close();
        outOfOffice.close();
        if (scanner != null) {
            scanner.close();
        }
        web.close();
        database.close();
        metrics.close();
    }

    /** Optional parts for tests and embedding: clock, processing stage, DNS resolver. */
    public static final class Builder {
        private final GatewayConfig config;
        private Clock clock = Clock.systemDefaultZone();
        /** Null: the protection stage (classify, decide, protect). */
        private ProcessingStage stage;
        private Resolver dnsResolver;
        private Integer mxPort;

        private Builder(GatewayConfig config) {
            this.config = config;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder stage(ProcessingStage stage) {
            this.stage = stage;
            return this;
        }

        public Builder dnsResolver(Resolver resolver) {
            this.dnsResolver = resolver;
            return this;
        }

        /** The port MX hosts listen on, instead of {@code delivery.mx_port}. */
        public Builder mxPort(int port) {
            this.mxPort = port;
            return this;
        }

        public Gateway start() throws IOException, GeneralSecurityException {
            return new Gateway(this);
        }
    }
}
