package org.mailgate.gateway.cli;

import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.Delivery;
import org.mailgate.gateway.delivery.MtaStsLookup;
import org.mailgate.gateway.delivery.TlsProbe;
import org.mailgate.gateway.transport.MtaStsPolicies;
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
            description = "With --now: has the running gateway send the TLS reports (RFC 8460) for the period so far, "
                    + "one per recipient domain that publishes a _smtp._tls record, and prints what it sent. "
                    + "Without it, reports go once a day. Exit 0 when done, 1 when the gateway did not answer, 2 on error.")
    static final class Report implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @picocli.CommandLine.Option(names = "--now", required = true,
                description = "send the reports now, for the period since the last ones")
        boolean now;

        @picocli.CommandLine.Option(names = "--wait", defaultValue = "60",
                description = "seconds to wait for the running gateway (default ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() {
            try {
                GatewayConfig c = config.load();
                org.mailgate.gateway.transport.ReportRequests requests =
                        new org.mailgate.gateway.transport.ReportRequests(c.storage().dir());
                String token = requests.request();
                long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
                while (System.nanoTime() < deadline) {
                    java.util.Optional<java.util.List<String>> answer = requests.answer(token);
                    if (answer.isPresent()) {
                        if (answer.get().isEmpty()) {
                            System.out.println("No TLS sessions to report since the last reports.");
                        }
                        answer.get().forEach(System.out::println);
                        return 0;
                    }
                    Thread.sleep(200);
                }
                System.err.println("tls report: the gateway using " + c.storage().dir() + " did not answer within "
                        + waitSeconds + " s; is it running? The request stays and is taken when it starts.");
                return 1;
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
    }
}
