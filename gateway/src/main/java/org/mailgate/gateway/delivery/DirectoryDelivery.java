package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dir:PATH} route: writes each recipient's copy as {@code QID-recipient.eml}, the
 * way a local delivery agent would, with Return-Path and Delivered-To on top (RFC 5321 4.4).
 * For trials and demos: you see exactly what would have been sent, and nothing leaves the machine.
 */
final class DirectoryDelivery {

    private DirectoryDelivery() {
    }

    static Map<String, Outcome> deliver(DeliveryJob job, Path dir) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (String rcpt : job.recipients()) {
            String name = job.envelope().queueId()
                    + (job.content().equals("original") ? "" : "-" + job.content())
                    + "-" + rcpt.replaceAll("[^A-Za-z0-9@._+-]", "_") + ".eml";
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + name + ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                        OutputStream os = Channels.newOutputStream(ch);
                        InputStream in = job.opener().open()) {
                    os.write(("Return-Path: <" + job.envelope().sender() + ">\r\nDelivered-To: " + rcpt + "\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    in.transferTo(os);
                    ch.force(true);
                }
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                out.put(rcpt, new Outcome(Outcome.Result.DELIVERED, "250 2.0.0 written to " + dir.resolve(name),
                        "dir:" + dir));
            } catch (IOException e) {
                out.put(rcpt, Outcome.deferred("451 4.3.0 cannot write to " + dir + ": " + e.getMessage(), "dir:" + dir));
            }
        }
        return out;
    }
}
