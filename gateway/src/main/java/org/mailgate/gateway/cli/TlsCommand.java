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
        subcommands = {TlsCommand.Check.class})
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
                        c.delivery().mtaStsPort(), java.time.Clock.systemUTC(), () -> { }) : MtaStsLookup.none();
                TlsProbe.Report r = new TlsProbe(c, dns, sts).check(domain.trim().toLowerCase(java.util.Locale.ROOT));
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
}
