package org.mailgate.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailgate.certs.CertificateImportException;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.StoredCertificate;
import org.mailgate.config.ConfigException;
import org.mailgate.gateway.protect.SmimeSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Manages the recipients' S/MIME certificates (store: smime.store, default storage.dir/certs).",
        subcommands = {CertsCommand.Import.class, CertsCommand.ListCerts.class, CertsCommand.Show.class,
                CertsCommand.Remove.class, CertsCommand.Trust.class})
final class CertsCommand extends CommandGroup {

    private static CertificateStore store(ConfigOption config) throws java.io.IOException {
        return SmimeSetup.certificateStore(config.load(), Clock.systemUTC());
    }

    static void print(StoredCertificate c) {
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC);
        String status = c.usable() ? (c.expiringSoon() ? "EXPIRES SOON" : "ok") : "UNUSABLE";
        System.out.printf("%s  %-12s %s  until %s  %s  %s%n", c.id(), status, String.join(",", c.addresses()),
                day.format(c.notAfter()), c.keyAlgorithm(), c.subject());
        for (String p : c.problems()) {
            System.out.println("    - " + p);
        }
    }

    private abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            try {
                return run(store(config));
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (CertificateImportException e) {
                System.err.println("certs: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("certs: " + e.getMessage());
                return 2;
            }
        }

        abstract int run(CertificateStore store) throws CertificateImportException, java.io.IOException;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports certificates from PEM, DER, PKCS#7 (.p7b/.p7c) or a signed message (.eml).")
    static final class Import extends StoreCommand {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        int run(CertificateStore store) throws CertificateImportException {
            int unusable = 0;
            for (Path f : files) {
                for (StoredCertificate c : store.importFile(f)) {
                    print(c);
                    unusable += c.usable() ? 0 : 1;
                }
            }
            if (unusable > 0) {
                System.err.println("certs: " + unusable + " imported certificate(s) cannot be used for encryption (see above)");
            }
            return unusable > 0 ? 1 : 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the certificates, flagging unusable ones and those expiring within 30 days.")
    static final class ListCerts extends StoreCommand {
        @Override
        int run(CertificateStore store) {
            List<StoredCertificate> all = store.list();
            all.forEach(CertsCommand::print);
            System.out.println("-- " + all.size() + " certificate(s)");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows the certificates for an address.")
    static final class Show extends StoreCommand {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        int run(CertificateStore store) {
            List<StoredCertificate> found = store.find(address);
            if (found.isEmpty()) {
                System.err.println("certs: no certificate for " + address);
                return 1;
            }
            found.forEach(CertsCommand::print);
            System.out.println("chosen for encryption: " + store.bestFor(address)
                    .map(c -> found.stream().filter(s -> s.certificate().equals(c)).findFirst().map(StoredCertificate::id)
                            .orElse("?")).orElse("none usable"));
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = "Trusts a certificate explicitly (a partner's self-signed one) even when "
                    + "smime.require_trusted_chain is on; --off withdraws it. Dates and key usage still apply.")
    static final class Trust extends StoreCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @picocli.CommandLine.Option(names = "--off", description = "withdraw explicit trust")
        boolean off;

        @Override
        int run(CertificateStore store) {
            try {
                store.trustExplicitly(id, !off);
            } catch (IllegalArgumentException e) {
                System.err.println("certs: no certificate with id " + id + " (see 'certs list')");
                return 1;
            }
            store.list().stream().filter(c -> c.id().equals(id)).forEach(CertsCommand::print);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a certificate by its id.")
    static final class Remove extends StoreCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CertificateStore store) {
            if (!store.remove(id)) {
                System.err.println("certs: no certificate with id " + id + " (see 'certs list')");
                return 1;
            }
            System.out.println("removed " + id);
            return 0;
        }
    }
}
