package org.mailgate.gateway.cli;

import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.dkim.DkimKeys;
import org.mailgate.gateway.transport.OwnPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "dns-records", mixinStandardHelpOptions = true,
        description = "Prints, in zone file form, every DNS record the configuration needs published: one TXT "
                + "record per DKIM key, and for each internal domain the _mta-sts and _smtp._tls records. Exit 0, or 2 "
                + "when a key cannot be read.")
final class DnsRecordsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = config.load();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        int failures = 0;
        System.out.println("; DKIM (dkim.keys)");
        for (GatewayConfig.DkimKey k : c.dkim().keys()) {
            try {
                System.out.println(DkimKeys.record(k.domain(), k.selector(), DkimKeys.publicOf(DkimKeys.read(k.key()))));
            } catch (Exception e) {
                System.err.println("dns-records: the key for " + k.domain() + " (" + k.key() + "): " + e.getMessage());
                failures++;
            }
        }
        if (c.dkim().keys().isEmpty()) {
            System.out.println("; none: no dkim.keys configured");
        }
        System.out.println("; MTA-STS (mta_sts) and TLS reports (tls_rpt)");
        java.util.List<String> transport = new OwnPolicy(c).records();
        transport.forEach(System.out::println);
        if (transport.isEmpty()) {
            System.out.println("; none: no mta_sts.mode or tls_rpt.rua configured");
        }
        return failures == 0 ? 0 : 2;
    }
}
