package org.mailgate.gateway.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node message queue on disk, in the manner of Postfix's queue: the single source of
 * truth for every message this node has accepted and not yet finished with.
 *
 * <pre>
 * spool/tmp/QID.msg          being received; swept away at start-up
 * spool/flush, spool/delete/QID   requests from the queue command to the running gateway
 * spool/queue/QID.msg        committed: one line of envelope JSON, then the message bytes
 * spool/queue/QID.state      delivery state, once the message has been processed
 * spool/queue/QID.NAME.copy  a copy written by the processing stage (e.g. encrypted)
 * </pre>
 *
 * Every file becomes visible by an atomic rename after fsync, and the folder is fsync'd, so
 * a crash at any point leaves either the old or the new version, never a torn one.
 */
public final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String MSG = ".msg";
    private static final String STATE = ".state";
    private static final String COPY = ".copy";

    private final Path tmpDir;
    private final Path queueDir;
    private final Path flushRequest;
    private final Path deleteRequests;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Spool(Path storageDir) throws IOException {
        Path root = storageDir.resolve("spool");
        this.tmpDir = root.resolve("tmp");
        this.queueDir = root.resolve("queue");
        this.flushRequest = root.resolve("flush");
        this.deleteRequests = root.resolve("delete");
        Files.createDirectories(tmpDir);
        Files.createDirectories(queueDir);
        Files.createDirectories(deleteRequests);
    }

    /**
     * Asks the running gateway to retry every deferred message (what {@code queue flush}
     * does); {@link #takeFlushRequest()} is how the queue manager sees it.
     */
    public void requestFlush() throws IOException {
        Files.writeString(flushRequest, java.time.Instant.now().toString());
    }

    public boolean takeFlushRequest() throws IOException {
        return Files.deleteIfExists(flushRequest);
    }

    /** Asks the running gateway to drop a message (what {@code queue delete} does). */
    public void requestDelete(String queueId) throws IOException {
        if (!QueueIds.isValid(queueId)) {
            throw new IllegalArgumentException("'" + queueId + "' is not a queue id");
        }
        Files.writeString(deleteRequests.resolve(queueId), java.time.Instant.now().toString());
    }

    /** Queue ids whose deletion was asked for; each stays listed until {@link #clearDeleteRequest}. */
    public List<String> deleteRequests() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(deleteRequests)) {
            for (Path r : requests) {
                out.add(r.getFileName().toString());
            }
        }
        return out;
    }

    public void clearDeleteRequest(String queueId) throws IOException {
        Files.deleteIfExists(deleteRequests.resolve(queueId));
    }

    /** Starts writing a message received over SMTP. */
    public SpoolWriter create(Envelope envelope) throws IOException {
        byte[] header = (json.writeValueAsString(envelope) + "\n").getBytes(StandardCharsets.UTF_8);
        return new SpoolWriter(this, envelope, tmpDir.resolve(envelope.queueId() + MSG), header);
    }

    /** Queues a message the gateway wrote itself (bounce, notice); durable when this returns. */
    public Envelope submit(Envelope envelope, byte[] message) throws IOException {
        return submit(envelope, new java.io.ByteArrayInputStream(message));
    }

    /** The same, streamed from {@code message}. */
    public Envelope submit(Envelope envelope, java.io.InputStream message) throws IOException {
        try (SpoolWriter writer = create(envelope)) {
            message.transferTo(writer.content());
            return writer.commit();
        }
    }

    /** Called by {@link SpoolWriter#commit()} after the temp file is fsync'd. */
    void publish(Path tmp, String queueId) throws IOException {
        move(tmp, queueDir.resolve(queueId + MSG));
        syncQueueDir();
    }

    /**
     * Clears half-written files and lists every committed message, oldest first. Called once
     * at start-up, before the SMTP port opens.
     */
    public List<SpoolEntry> recover() throws IOException {
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(tmpDir)) {
            for (Path p : tmp) {
                log.info("spool: removing partial file {} left by an interrupted receive", p.getFileName());
                Files.deleteIfExists(p);
            }
        }
        List<SpoolEntry> entries = list();
        try (DirectoryStream<Path> queue = Files.newDirectoryStream(queueDir)) {
            for (Path p : queue) {
                String name = p.getFileName().toString();
                String qid = name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'));
                if (!name.endsWith(MSG) && !Files.exists(queueDir.resolve(qid + MSG))) {
                    log.info("{}: removing leftover {} of a finished message", qid, name);
                    Files.deleteIfExists(p);
                }
            }
        }
        return entries;
    }

    /** Every committed message, oldest first (queue ids sort by arrival). */
    public List<SpoolEntry> list() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> queue = Files.newDirectoryStream(queueDir, "*" + MSG)) {
            queue.forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<SpoolEntry> out = new ArrayList<>();
        for (Path p : files) {
            String qid = p.getFileName().toString().replace(MSG, "");
            try {
                Header h = readHeader(p);
                out.add(new SpoolEntry(h.envelope, loadState(qid), Files.size(p) - h.length));
            } catch (NoSuchFileException gone) {
                // finished while we listed
            } catch (IOException | RuntimeException e) {
                log.error("{}: spool file cannot be read ({}); left in place for an operator", qid, e.toString());
            }
        }
        return out;
    }

    /** The message bytes exactly as received (including our Received header). */
    public InputStream openOriginal(String queueId) throws IOException {
        Path p = queueDir.resolve(queueId + MSG);
        InputStream in = new BufferedInputStream(Files.newInputStream(p), 64 * 1024);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // skip the envelope line
        }
        if (b != '\n') {
            in.close();
            throw new IOException("no envelope line in " + p);
        }
        return in;
    }

    /** A named copy if the stage wrote one, else the original. */
    public InputStream openContent(String queueId, String content) throws IOException {
        if (RecipientState.ORIGINAL.equals(content)) {
            return openOriginal(queueId);
        }
        return Files.newInputStream(copyPath(queueId, content));
    }

    public long contentSize(String queueId, String content) throws IOException {
        if (RecipientState.ORIGINAL.equals(content)) {
            Path p = queueDir.resolve(queueId + MSG);
            return Files.size(p) - readHeader(p).length;
        }
        return Files.size(copyPath(queueId, content));
    }

    /** Stores a copy made by the processing stage (durable on return). */
    public void writeCopy(String queueId, String content, byte[] bytes) throws IOException {
        Path tmp = tmpDir.resolve(queueId + "." + content + COPY);
        writeDurably(tmp, bytes);
        move(tmp, copyPath(queueId, content));
        syncQueueDir();
    }

    /** Writes the bytes of a copy to the stream it is given. */
    @FunctionalInterface
    public interface CopyWriter<E extends Exception> {
        void writeTo(OutputStream out) throws IOException, E;
    }

    /**
     * Writes a copy as {@code writer} streams it (never held whole), durably, then publishes it
     * under {@code content}; if the writer throws, nothing is published.
     */
    public <E extends Exception> void writeCopy(String queueId, String content, CopyWriter<E> writer)
            throws IOException, E {
        Path tmp = tmpDir.resolve(queueId + "." + content + COPY);
        boolean written = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 64 * 1024);
            writer.writeTo(out);
            out.flush();
            ch.force(true);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(tmp);
            }
        }
        move(tmp, copyPath(queueId, content));
        syncQueueDir();
    }

    public Optional<DeliveryState> loadState(String queueId) throws IOException {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(queueDir.resolve(queueId + STATE)),
                    DeliveryState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void saveState(String queueId, DeliveryState state) throws IOException {
        Path tmp = tmpDir.resolve(queueId + STATE);
        writeDurably(tmp, json.writeValueAsBytes(state));
        move(tmp, queueDir.resolve(queueId + STATE));
        syncQueueDir();
    }

    /** Forgets a finished message: the message file goes first, so a crash never re-sends it. */
    public void remove(String queueId) throws IOException {
        Files.deleteIfExists(queueDir.resolve(queueId + MSG));
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(queueDir, queueId + ".*")) {
            for (Path p : rest) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path copyPath(String queueId, String content) {
        if (!content.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("bad content name " + content);
        }
        return queueDir.resolve(queueId + "." + content + COPY);
    }

    private record Header(Envelope envelope, int length) {
    }

    private Header readHeader(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 8192)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
                if (line.size() > 16 * 1024 * 1024) {
                    throw new IOException("envelope line too long in " + p);
                }
            }
            if (b != '\n') {
                throw new IOException("no envelope line in " + p);
            }
            return new Header(json.readValue(line.toByteArray(), Envelope.class), line.size() + 1);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("spool folder does not support atomic rename: " + to.getParent(), e);
        }
    }

    private void syncQueueDir() throws IOException {
        try (FileChannel dir = FileChannel.open(queueDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
