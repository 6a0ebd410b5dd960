package org.mailgate.gateway.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.gateway.spool.QueueIds;
import org.mailgate.gateway.spool.RecipientState;
import org.mailgate.gateway.spool.Spool;
import org.mailgate.gateway.spool.SpoolEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Shows or flushes this node's spool (like mailq and postqueue -f).",
        subcommands = {QueueCommand.ListQueue.class, QueueCommand.Flush.class, QueueCommand.Delete.class})
final class QueueCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists queued messages and why each waits.")
    static final class ListQueue implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(arity = "0..1", paramLabel = "QUEUE_ID", description = "show only this message")
        String only;

        @Override
        public Integer call() {
            try {
                Spool spool = new Spool(config.load().storage().dir());
                List<SpoolEntry> entries = spool.list();
                int shown = 0;
                for (SpoolEntry e : entries) {
                    if (only == null || only.equals(e.envelope().queueId())) {
                        print(e);
                        shown++;
                    }
                }
                System.out.println(shown == 0 ? "Mail queue is empty" : "-- " + shown + " message(s)");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("queue: cannot read the spool: " + e.getMessage());
                return 2;
            }
        }

        private static void print(SpoolEntry e) {
            Duration age = Duration.between(e.envelope().received(), Instant.now());
            System.out.printf("%s %8d %s  <%s>  (%s old)%n", e.envelope().queueId(), e.size(), e.envelope().received(),
                    e.envelope().sender(), age.toMinutes() + "m");
            if (e.state().isEmpty()) {
                e.envelope().recipients().forEach(r -> System.out.printf("    %-40s not yet processed%n", "<" + r + ">"));
                return;
            }
            for (RecipientState r : e.state().get().recipients()) {
                String detail = switch (r.status()) {
                    case PENDING -> r.attempts() == 0 ? "waiting for delivery"
                            : "deferred (" + r.attempts() + " attempt(s), next " + r.nextAttempt() + "): " + r.lastReply();
                    case HELD -> "held: " + r.reason();
                    default -> r.status().name().toLowerCase() + ": " + r.lastReply();
                };
                System.out.printf("    %-40s %s%n", "<" + r.address() + ">", detail);
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Asks the running gateway to delete messages from its queue (like postsuper -d), "
                    + "for example held mail that must not go. Nobody is notified.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(arity = "1..*", paramLabel = "QUEUE_ID")
        List<String> ids;

        @Override
        public Integer call() {
            try {
                Spool spool = new Spool(config.load().storage().dir());
                int bad = 0;
                for (String id : ids) {
                    if (!QueueIds.isValid(id)) {
                        System.err.println("queue delete: '" + id + "' is not a queue id (see 'queue list')");
                        bad++;
                        continue;
                    }
                    spool.requestDelete(id);
                }
                System.out.println("Delete requested; the running gateway removes the message(s) within a second.");
                return bad == 0 ? 0 : 2;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("queue delete: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = "Asks the running gateway to retry every deferred message now.")
    static final class Flush implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            try {
                new Spool(config.load().storage().dir()).requestFlush();
                System.out.println("Flush requested; the running gateway picks it up within a second.");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("queue flush: " + e.getMessage());
                return 2;
            }
        }
    }
}
