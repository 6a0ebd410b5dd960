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
import org.mailgate.gateway.policy.ClassificationJson;
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
        description = "Classifies messages offline and prints one JSON object per input (JSON Lines). "
                + "With --to, also what the policy would do for each recipient. Exit 0 when all were classified, "
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
        }
    }

    private int classifyAll(GatewayConfig c, IsolatedClassifier classifier) {
        ProtectionPolicy policy = new ProtectionPolicy(c);
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
            ObjectNode line = ClassificationJson.toJson(file, result);
            if (!to.isEmpty()) {
                try {
                    certs = certs == null ? SmimeSetup.certificateStore(c, Clock.systemUTC()) : certs;
                } catch (IOException e) {
                    System.err.println("classify: cannot open the certificate store: " + e.getMessage());
                    return 2;
                }
                CertificateStore store = certs;
                String subject;
                try {
                    subject = MessageHeaders.read(new java.io.ByteArrayInputStream(message)).subject();
                } catch (IOException e) {
                    subject = "";
                }
                Envelope envelope = new Envelope("0000000000000000", from, to, Instant.now(), "127.0.0.1", "classify",
                        null, false, false, Envelope.Origin.SMTP);
                ArrayNode decisions = line.putArray("decisions");
                for (Decision d : policy.decide(envelope, subject, ClassificationJson.sensitivity(result),
                        r -> store.bestFor(r).isPresent())) {
                    decisions.addObject().put("recipient", d.recipient())
                            .put("decision", d.getClass().getSimpleName()).put("reason", d.reason());
                }
            }
            System.out.println(line);
        }
        return failures == 0 ? 0 : 2;
    }
}
