package org.mailgate.gateway.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
                    + "for example held mail that must not go, and waits until it has. Nobody is notified. "
                    + "Prints one line per queue id; exit 0 when every one was deleted, 1 when one was not "
                    + "in the queue or the gateway did not remove it within 10 seconds (is it running?), "
                    + "2 on a wrong queue id or configuration.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(arity = "1..*", paramLabel = "QUEUE_ID")
        List<String> ids;

        @Override
        public Integer call() {
            try {
                Spool spool = new Spool(config.load().storage().dir());
                int exit = 0;
                List<String> asked = new ArrayList<>();
                Set<String> queued = queued(spool);
                for (String id : ids) {
                    if (!QueueIds.isValid(id)) {
                        System.err.println("queue delete: '" + id + "' is not a queue id (see 'queue list')");
                        exit = 2;
                    } else if (!queued.contains(id)) {
                        System.out.println(id + ": not in the queue (already delivered, or deleted)");
                        exit = Math.max(exit, 1);
                    } else {
                        spool.requestDelete(id);
                        asked.add(id);
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!asked.isEmpty()) {
                    Set<String> still = queued(spool);
                    for (String id : List.copyOf(asked)) {
                        if (!still.contains(id)) {
                            System.out.println(id + ": deleted");
                            asked.remove(id);
                        }
                    }
                    if (asked.isEmpty() || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(200);
                }
                for (String id : asked) {
                    System.out.println(id + ": delete requested, but the gateway has not removed it yet "
                            + "(is it running?); it will when it next starts");
                    exit = Math.max(exit, 1);
                }
                return exit;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("queue delete: " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        private static Set<String> queued(Spool spool) throws IOException {
            Set<String> out = new HashSet<>();
            spool.list().forEach(e -> out.add(e.envelope().queueId()));
            return out;
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
