package org.mailgate.gateway.spool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one incoming message into the spool's tmp folder. Nothing is in the queue until
 * {@link #commit()} has returned: the file is fsync'd, renamed into the queue folder and the
 * folder fsync'd. Only then may the SMTP side answer 250.
 *
 * <p>A write error (disk full, I/O error) does not throw from {@link #content()}: the SMTP
 * side must keep reading the client's data to stay in step, so the error is remembered and
 * thrown by {@code commit()}.
 */
public final class SpoolWriter implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Spool spool;
    private final Envelope envelope;
    private final Path tmp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final OutputStream content = new ContentStream();
    private IOException failure;
    private boolean done;

    SpoolWriter(Spool spool, Envelope envelope, Path tmp, byte[] header) throws IOException {
        this.spool = spool;
        this.envelope = envelope;
        this.tmp = tmp;
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            write(header, 0, header.length);
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The message bytes go here, exactly as they should later be delivered. */
    public OutputStream content() {
        return content;
    }

    /** Makes the message durable and visible in the queue. Throws if any write failed. */
    public Envelope commit() throws IOException {
        if (failure != null) {
            abort();
            throw failure;
        }
        try {
            flush();
            channel.force(true);
            channel.close();
            spool.publish(tmp, envelope.queueId());
            done = true;
            return envelope;
        } catch (IOException e) {
            abort();
            throw e;
        }
    }

    /** Drops the partial message; safe to call more than once. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing else to do
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // left for the start-up sweep of the tmp folder
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private final class ContentStream extends OutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (failure != null) {
                return;
            }
            try {
                SpoolWriter.this.write(b, off, len);
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
