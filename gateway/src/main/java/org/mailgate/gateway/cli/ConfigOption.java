package org.mailgate.gateway.cli;

import java.nio.file.Path;
import org.mailgate.config.ConfigLoader;
import org.mailgate.config.GatewayConfig;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by commands; without it, the embedded default. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (default: the embedded default, data under ./data)")
    Path file;

    GatewayConfig load() {
        ConfigLoader loader = new ConfigLoader();
        return file == null ? loader.embeddedDefault() : loader.load(file);
    }
}
