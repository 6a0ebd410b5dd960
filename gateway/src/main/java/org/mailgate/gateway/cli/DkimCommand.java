package org.mailgate.gateway.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.dkim.DkimKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dkim", mixinStandardHelpOptions = true, description = "DKIM signing keys.",
        subcommands = {DkimCommand.Keygen.class})
final class DkimCommand extends CommandGroup {

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Makes an RSA signing key, writes it as PEM (readable by its owner only), and prints the "
                    + "DNS TXT record to publish and the dkim.keys entry to add. Exit 0, or 2 on error.")
    static final class Keygen implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "the signing domain (d=)")
        String domain;

        @Option(names = "--selector", required = true, paramLabel = "SELECTOR", description = "the selector (s=)")
        String selector;

        @Option(names = "--out", paramLabel = "FILE",
                description = "where to write the key; default: dkim/SELECTOR.DOMAIN.pem under storage.dir")
        Path out;

        @Option(names = "--bits", paramLabel = "N", description = "RSA key size; default 2048")
        int bits = 2048;

        @Option(names = "--algorithm", paramLabel = "ALG", description = "rsa (the default; every receiver "
                + "verifies it) or ed25519 (RFC 8463; best alongside an RSA key under another selector)")
        String algorithm = "rsa";

        @Override
        public Integer call() {
            if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?") || !selector.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
                System.err.println("dkim keygen: the domain or selector is not a DNS name");
                return 2;
            }
            if (!algorithm.equals("rsa") && !algorithm.equals("ed25519")) {
                System.err.println("dkim keygen: --algorithm must be rsa or ed25519");
                return 2;
            }
            if (bits < 1024 || bits > 8192) {
                System.err.println("dkim keygen: --bits must be between 1024 and 8192 (2048 recommended)");
                return 2;
            }
            try {
                GatewayConfig c = config.load();
                Path file = out != null ? out.toAbsolutePath()
                        : c.storage().dir().resolve("dkim").resolve(selector + "." + domain + ".pem");
                KeyPair pair = algorithm.equals("ed25519") ? DkimKeys.generateEd25519(file) : DkimKeys.generate(file, bits);
                System.out.println("# key written to " + file);
                System.out.println("# publish in DNS:");
                System.out.println(DkimKeys.record(domain.toLowerCase(java.util.Locale.ROOT), selector, pair.getPublic()));
                System.out.println("# and add to the configuration:");
                System.out.println("dkim:\n  keys:\n    - {domain: " + domain.toLowerCase(java.util.Locale.ROOT)
                        + ", selector: " + selector + ", key: " + file + "}");
                return 0;
            } catch (FileAlreadyExistsException e) {
                System.err.println("dkim keygen: " + e.getFile() + " exists already; it is not overwritten");
                return 2;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("dkim keygen: " + e.getMessage());
                return 2;
            }
        }
    }
}
