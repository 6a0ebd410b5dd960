package org.mailgate.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar gateway.jar COMMAND}: the gateway's one entry point. */
@Command(name = "gateway.jar",
        mixinStandardHelpOptions = true,
        version = "mailgate 0.1.0",
        description = "Secure email gateway: relays, classifies and protects mail.",
        subcommands = {ServeCommand.class, QueueCommand.class, ClassifyCommand.class, CertsCommand.class,
                ConfigCommand.class, HashPasswordCommand.class, UsersCommand.class, DkimCommand.class,
                DnsRecordsCommand.class, TlsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExitCodeExceptionMapper(e -> 2);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
