package org.mailgate.gateway.cli;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.Delivery;
import org.mailgate.gateway.delivery.MtaStsLookup;
import org.mailgate.gateway.delivery.TlsProbe;
import org.mailgate.gateway.spool.Arrivals;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.transport.MtaStsPolicies;
import org.mailgate.gateway.transport.ReportRequests;
import org.mailgate.gateway.transport.TlsReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "tls", mixinStandardHelpOptions = true, description = "Transport security checks.",
        subcommands = {TlsCommand.Check.class, TlsCommand.Report.class})
final class TlsCommand extends CommandGroup {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Shows, for a destination domain, the MX hosts, its MTA-STS policy, the TLS level that "
                    + "applies and why, then connects to each MX host and shows what delivery would do (like "
                    + "posttls-finger). Exit 0 when mail would be delivered, 1 when it would wait, 2 on error.")
    static final class Check implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "DOMAIN", description = "the recipient domain")
        String domain;

        @Override
        public Integer call() {
            try {
                GatewayConfig c = config.load();
                org.xbill.DNS.Resolver dns = Delivery.resolverFor(c.dns());
                MtaStsLookup sts = c.delivery().mtaSts() ? new MtaStsPolicies(null, dns, Delivery.verifiedTls(c),
                        c.delivery().mtaStsPort(), java.time.Clock.systemUTC(), failure -> { }) : MtaStsLookup.none();
                org.mailgate.gateway.delivery.DaneLookup dane = new org.mailgate.gateway.transport.DnssecTlsa(dns,
                        c.dns().trustAnchor());
                TlsProbe.Report r = new TlsProbe(c, dns, sts, dane).check(domain.trim().toLowerCase(java.util.Locale.ROOT));
                r.lines().forEach(System.out::println);
                return r.deliverable() ? 0 : 1;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("tls check: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "With --now: sends the TLS reports (RFC 8460) for the period so far, one per recipient domain "
                    + "that publishes a _smtp._tls record, and prints what was sent. The running gateway sends them "
                    + "(its latest counts included); when none answers within --wait seconds, this command sends them "
                    + "itself from the shared store, and reports by mail wait in the spool until the gateway runs. "
                    + "Without --now, reports go once a day. Exit 0 when done, 2 on error.")
    static final class Report implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @picocli.CommandLine.Option(names = "--now", required = true,
                description = "send the reports now, for the period since the last ones")
        boolean now;

        @picocli.CommandLine.Option(names = "--wait", defaultValue = "15",
                description = "seconds to wait for the running gateway (default ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() {
            try {
                GatewayConfig c = config.load();
                ReportRequests requests = new ReportRequests(c.storage().dir());
                String token = requests.request();
                Optional<List<String>> answer = await(requests, token, waitSeconds);
                if (answer.isEmpty() && !requests.withdraw(token)) {
                    answer = await(requests, token, 60); // the gateway took it just now: its answer follows
                }
                List<String> lines;
                if (answer.isPresent()) {
                    lines = answer.get();
                } else {
                    lines = sendHere(c);
                    System.out.println("# the gateway did not answer; sent from here. Reports by mail wait in "
                            + c.storage().dir().resolve("spool") + " until the gateway runs.");
                }
                if (lines.isEmpty()) {
                    System.out.println("No TLS sessions to report since the last reports.");
                }
                lines.forEach(System.out::println);
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            } catch (Exception e) {
                System.err.println("tls report: " + e.getMessage());
                return 2;
            }
        }

        private static Optional<List<String>> await(ReportRequests requests, String token, int seconds)
                throws java.io.IOException, InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                Optional<List<String>> answer = requests.answer(token);
                if (answer.isPresent()) {
                    return answer;
                }
                Thread.sleep(200);
            }
            return Optional.empty();
        }

        /** The reports from this process: the counts in the shared store, mail spooled for the gateway. */
        private static List<String> sendHere(GatewayConfig c) throws Exception {
            Clock clock = Clock.systemUTC();
            try (Database db = Database.open(c.storage())) {
                Outbox outbox = Outbox.of(new Spool(c.storage().dir()), new QueueIds(clock), new Arrivals(),
                        c.smtp().hostname(), clock);
                return new TlsReports(db, clock, Delivery.resolverFor(c.dns()), Delivery.verifiedTls(c), outbox,
                        c.tlsRpt(), c.portal().organisation()).sendNow();
            }
        }
    }
}
