package org.mailgate.gateway.cli;

import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.EffectiveConfig;
import org.mailgate.gateway.protect.ClassifierSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Checks the configuration and prints it with every default filled in (like postconf).")
final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            System.out.print(EffectiveConfig.toYaml(config.load(), ClassifierSetup.builtInRules()));
            return 0;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
