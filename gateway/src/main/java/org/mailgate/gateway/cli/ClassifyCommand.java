package org.mailgate.gateway.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailgate.certs.CertificateStore;
import org.mailgate.classifier.Classification;
import org.mailgate.classifier.IsolatedClassifier;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.labels.Labels;
import org.mailgate.gateway.misdirected.Correspondents;
import org.mailgate.gateway.misdirected.Finding;
import org.mailgate.gateway.misdirected.Misdirection;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.MasterKey;
import org.mailgate.gateway.policy.ClassificationJson;
import org.mailgate.gateway.policy.LabelMatch;
import org.mailgate.gateway.policy.Decision;
import org.mailgate.gateway.policy.ProtectionPolicy;
import org.mailgate.gateway.mail.MessageHeaders;
import org.mailgate.gateway.protect.SmimeSetup;
import org.mailgate.gateway.protect.ClassifierSetup;
import org.mailgate.gateway.spool.Envelope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classifies messages offline and prints one JSON object per input (JSON Lines), "
                + "with the sensitivity labels found on it. With --to, also what the policy would do for each "
                + "recipient, and with --from (an internal sender) which recipients look unusual for them. Exit 0 when all were classified, "
                + "2 on error.")
final class ClassifyCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--from", paramLabel = "ADDR", description = "envelope sender, for the policy's view")
    String from = "";

    @Option(names = "--to", paramLabel = "ADDR", description = "recipient(s), for the policy's view")
    List<String> to = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILE.eml|-", description = "messages to classify; - reads standard input")
    List<String> files;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = config.load();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        // In a child process, like the gateway: a hostile attachment cannot hang this command either.
        try (IsolatedClassifier classifier = new IsolatedClassifier(ClassifierSetup.settings(c).withWorkers(1))) {
            return classifyAll(c, classifier);
        } finally {
            if (historyStore != null) {
                historyStore.close(); // opened for --from
            }
        }
    }

    private int classifyAll(GatewayConfig c, IsolatedClassifier classifier) {
        ProtectionPolicy policy = new ProtectionPolicy(c);
        Labels labels = new Labels(c.labels());
        CertificateStore certs = null;
        int failures = 0;
        for (String file : files) {
            byte[] message;
            try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
                message = in.readAllBytes();
            } catch (NoSuchFileException e) {
                System.err.println("classify: " + file + ": no such file");
                failures++;
                continue;
            } catch (IOException e) {
                System.err.println("classify: " + file + ": cannot read: " + e.getMessage());
                failures++;
                continue;
            }
            Classification result;
            try {
                result = classifier.classify(message);
            } catch (IOException e) {
                System.err.println("classify: " + file + ": " + e.getMessage());
                failures++;
                continue;
            }
            MessageHeaders headers;
            try {
                headers = MessageHeaders.read(new java.io.ByteArrayInputStream(message));
            } catch (IOException e) {
                headers = MessageHeaders.UNREADABLE;
            }
            List<LabelMatch> found = labels.of(headers);
            ObjectNode line = ClassificationJson.toJson(file, result, found);
            if (!to.isEmpty()) {
                try {
                    certs = certs == null ? SmimeSetup.certificateStore(c, Clock.systemUTC()) : certs;
                } catch (IOException e) {
                    System.err.println("classify: cannot open the certificate store: " + e.getMessage());
                    return 2;
                }
                CertificateStore store = certs;
                String subject = headers.subject();
                Envelope envelope = new Envelope("0000000000000000", from, to, Instant.now(), "127.0.0.1", "classify",
                        null, false, false, Envelope.Origin.SMTP);
                ArrayNode decisions = line.putArray("decisions");
                List<Decision> decided = policy.decide(envelope, subject,
                        ClassificationJson.sensitivity(result).withLabels(found), r -> store.bestFor(r).isPresent());
                for (Decision d : decided) {
                    decisions.addObject().put("recipient", d.recipient())
                            .put("decision", d.getClass().getSimpleName()).put("reason", d.reason());
                }
                if (!from.isEmpty()) {
                    try {
                        misdirected(c, line, headers, decided);
                    } catch (IOException | java.sql.SQLException e) {
                        System.err.println("classify: cannot read the sender's history: " + e.getMessage());
                        return 2;
                    }
                }
            }
            System.out.println(line);
        }
        return failures == 0 ? 0 : 2;
    }

    private Misdirection misdirection;
    private Database historyStore;

    /** The misdirection findings for --from, against the sender's history in the shared store. */
    private void misdirected(GatewayConfig c, ObjectNode line, MessageHeaders headers, List<Decision> decided)
            throws IOException, java.sql.SQLException {
        ArrayNode out = line.putArray("misdirected");
        if (!c.domains().isInternal(Envelope.domainOf(from))) {
            return; // only internal senders have a history
        }
        if (misdirection == null) {
            Database db = Database.open(c.storage());
            historyStore = db;
            byte[] key = MasterKey.load(c.storage().masterKey(), c.storage().dir()).derive("correspondents");
            misdirection = new Misdirection(new Correspondents(db, key, Clock.systemUTC(),
                    a -> c.domains().isInternal(Envelope.domainOf(a))), c.misdirected(), c.domains());
        }
        boolean sensitive = decided.stream().anyMatch(d -> !c.domains().isInternal(Envelope.domainOf(d.recipient()))
                && !(d instanceof Decision.Deliver deliver && !deliver.requireTls()));
        for (Finding f : misdirection.check(from, to, headers.toAndCc(), sensitive)) {
            out.addObject().put("recipient", f.recipient()).put("rule", f.rule()).put("detail", f.detail())
                    .put("action", misdirection.action(f.rule()).name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
