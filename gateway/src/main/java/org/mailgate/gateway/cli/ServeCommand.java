package org.mailgate.gateway.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the gateway. Without --config it runs the embedded default: SMTP on 127.0.0.1:2525, "
                + "web on 127.0.0.1:8080, data and delivered mail under ./data.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        GatewayConfig c;
        try {
            c = config.load();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("gateway: not started: fix the configuration above");
            return 2;
        }
        if (config.file == null) {
            log.info("gateway: no --config given; running the embedded default (see 'gateway.jar config')");
        }
        Gateway gateway;
        try {
            gateway = Gateway.builder(c).start();
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("gateway: cannot start: " + root.getMessage()
                    + " (smtp.listen " + c.smtp().listen() + ", web.listen " + c.web().listen() + ")");
            log.debug("start-up failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("gateway: shutting down");
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
