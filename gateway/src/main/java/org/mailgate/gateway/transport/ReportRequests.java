package org.mailgate.gateway.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How {@code tls report --now} asks the running gateway to send its TLS reports, as
 * {@code queue flush} does for the queue: a request file under {@code storage.dir/tls-reports},
 * taken within a second, and an answer file with the request's token and a line per domain.
 */
public final class ReportRequests {

    private final Path request;
    private final Path answer;

    public ReportRequests(Path storageDir) throws IOException {
        Path dir = storageDir.resolve("tls-reports");
        Files.createDirectories(dir);
        this.request = dir.resolve("send-now");
        this.answer = dir.resolve("answer");
    }

    /** Files a request; returns its token, to find the answer with. */
    public String request() throws IOException {
        String token = UUID.randomUUID().toString();
        write(request, token);
        return token;
    }

    /** Takes back a request nobody has taken yet; false when the gateway took it already. */
    public boolean withdraw(String token) throws IOException {
        try {
            if (Files.readString(request, StandardCharsets.UTF_8).trim().equals(token)) {
                Files.delete(request);
                return true;
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        return false;
    }

    /** The answer to the request with {@code token}, once there is one. */
    public Optional<List<String>> answer(String token) throws IOException {
        if (!Files.exists(answer)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(answer, StandardCharsets.UTF_8);
        return !lines.isEmpty() && lines.get(0).equals(token) ? Optional.of(lines.subList(1, lines.size()))
                : Optional.empty();
    }

    /** Runs {@code work} if a request is waiting and writes its answer (the gateway calls this every second). */
    public void serve(Supplier<List<String>> work) throws IOException {
        if (!Files.exists(request)) {
            return;
        }
        String token = Files.readString(request, StandardCharsets.UTF_8).trim();
        Files.deleteIfExists(request);
        List<String> lines = new ArrayList<>(List.of(token));
        lines.addAll(work.get());
        write(answer, String.join("\n", lines) + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
