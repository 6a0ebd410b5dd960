package org.mailgate.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs classification in a pool of child JVMs ({@link ClassifierWorker}), because a Java thread
 * stuck in a parser cannot be killed but a process can. On timeout or crash the child is killed
 * (destroyForcibly), replaced lazily, and the message gets a HIGH fail-closed classification,
 * never a pass. Thread-safe; at most {@code settings.workers()} messages are classified at once
 * in child JVMs.
 *
 * <p>Small messages that are only text bodies (plain or HTML, no attachments) are classified in
 * this process: there is no document or archive parser to get stuck in, and a round trip to a
 * child costs more than the classification itself. Everything else goes to a child.
 */
public final class IsolatedClassifier implements AutoCloseable {
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;
    /** Slack over the in-worker time limit, so a slow-but-alive worker can report its own partial result. */
    private static final long GRACE_MILLIS = 2_000;
    /** Text-only messages up to this size are classified in process. */
    static final int IN_PROCESS_MAX_BYTES = 1024 * 1024;

    private final ClassifierSettings settings;
    private final List<String> extraJvmArgs;
    private final Classifier inProcess;
    private final int inProcessMaxBytes;
    private final byte[] settingsJson;
    private final ObjectMapper json = new ObjectMapper();
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "classifier-worker-reader");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public IsolatedClassifier(ClassifierSettings settings) {
        this(settings, List.of(), IN_PROCESS_MAX_BYTES);
    }

    /**
     * @param extraJvmArgs      extra child JVM arguments (tests use them to enable the hang/crash hooks)
     * @param inProcessMaxBytes text-only messages up to this size are classified in process (0: none)
     */
    IsolatedClassifier(ClassifierSettings settings, List<String> extraJvmArgs, int inProcessMaxBytes) {
        this.settings = settings;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
        this.inProcess = new Classifier(settings);
        this.inProcessMaxBytes = inProcessMaxBytes;
        this.permits = new Semaphore(settings.workers());
        try {
            this.settingsJson = json.writeValueAsBytes(settings);
        } catch (IOException e) {
            throw new IllegalArgumentException("settings not serialisable", e);
        }
    }

    /**
     * Starts the pool's child JVMs now, in the background, and has each classify a small message
     * with an attachment, so that the first real messages do not wait for a JVM to start and its
     * parsers to load (a second or more, during which text-only mail classified in process would
     * overtake them).
     */
    public void prestart() {
        byte[] sample = ("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nwarm-up\r\n--b\r\nContent-Type: text/plain; name=a.txt\r\n"
                + "Content-Disposition: attachment; filename=a.txt\r\n\r\nwarm-up\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < settings.workers(); i++) {
            readers.execute(() -> {
                try {
                    classify(sample);
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile, or it failed: the first message starts a worker instead
                }
            });
        }
    }

    /**
     * Same contract as {@link Classifier#classify(InputStream)}, but survives stuck and crashing
     * parsers. A large message is streamed to the child in pieces: this process never holds more
     * than about {@link Frames#PIECE} of it (plus the in-process limit).
     */
    public Classification classify(InputStream rfc822Message) throws IOException {
        byte[] head = rfc822Message.readNBytes(Math.max(inProcessMaxBytes, Frames.PIECE) + 1);
        if (head.length > settings.maxMessageBytes()) {
            return Classification.failClosed("message too large to scan");
        }
        return classify(head, rfc822Message);
    }

    public Classification classify(byte[] rfc822Message) throws IOException {
        if (rfc822Message.length > settings.maxMessageBytes()) {
            return Classification.failClosed("message too large to scan");
        }
        return classify(rfc822Message, InputStream.nullInputStream());
    }

    /** {@code head}, then what is left in {@code rest}: in process if it is small text, else in a child. */
    private Classification classify(byte[] head, InputStream rest) throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        // A head shorter than what was asked for is the whole message.
        if (head.length <= inProcessMaxBytes && inProcess.onlyTextBodies(head)) {
            try {
                return inProcess.classify(head);
            } catch (RuntimeException e) {
                return Classification.failClosed("classifier failed");
            }
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a classifier worker");
        }
        Worker w = null;
        try {
            w = idle.poll();
            if (w == null || !w.process.isAlive()) {
                if (w != null) {
                    w.kill();
                }
                w = start();
            }
            Worker current = w;
            Future<byte[]> reply = readers.submit(() -> {
                Frames.writeMessage(current.out, head, rest, settings.maxMessageBytes());
                return Frames.read(current.in);
            });
            byte[] result = reply.get(settings.maxTimeMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (result == null) {
                throw new IOException("worker ended");
            }
            Classification c = json.readValue(result, Classification.class);
            idle.add(w);
            w = null;
            return c;
        } catch (TimeoutException e) {
            return Classification.failClosed("classification timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Classification.failClosed("classification interrupted");
        } catch (ExecutionException | IOException | RuntimeException e) {
            if (e.getCause() instanceof Frames.TooLarge) {
                return Classification.failClosed("message too large to scan");
            }
            return Classification.failClosed("classifier worker failed");
        } finally {
            if (w != null) {
                w.kill(); // never reuse a worker in an unknown state; the next call starts a fresh one
            }
            permits.release();
        }
    }

    private Worker start() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + settings.workerMaxHeap());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(extraJvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ClassifierWorker.class.getName());
        // stderr is discarded: parsers' warnings are noise here, and nothing of the message may reach a log.
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Worker w = new Worker(p);
        try {
            Future<byte[]> ready = readers.submit(() -> {
                Frames.write(w.out, settingsJson);
                return Frames.read(w.in);
            });
            byte[] r = ready.get(STARTUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (r == null || !"READY".equals(new String(r, StandardCharsets.US_ASCII))) {
                throw new IOException("worker did not start");
            }
            return w;
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            w.kill();
            throw e;
        }
    }

    /** Number of live idle workers (for tests and health checks). */
    int idleWorkers() {
        return (int) idle.stream().filter(w -> w.process.isAlive()).count();
    }

    @Override
    public void close() {
        closed = true;
        Worker w;
        while ((w = idle.poll()) != null) {
            w.kill();
        }
        readers.shutdownNow();
    }

    private static final class Worker {
        final Process process;
        final DataOutputStream out;
        final DataInputStream in;

        Worker(Process process) {
            this.process = process;
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
