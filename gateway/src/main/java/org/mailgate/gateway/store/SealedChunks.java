package org.mailgate.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A message body sealed at rest in segments, streamed in and out of a chunk table
 * ({@code owner_id, seq, data}), so that neither storing nor reading a 50 MB message holds more
 * than one segment in memory, on H2 and PostgreSQL alike.
 *
 * <p>The construction is the STREAM one that age and Tink's streaming AEAD use: each segment of
 * up to {@value #SEGMENT} bytes is sealed with AES-256-GCM under one key, with the nonce
 * {@code prefix(7) || segment number(4, big-endian) || last(1)}, the prefix random per body and
 * the context (the row it belongs to) as associated data. A row holds {@code nonce || ciphertext
 * and tag}. Reading checks that the segments come in order, share the prefix, and that the last
 * one says it is last: a segment moved, dropped, repeated or taken from another body, and a body
 * cut short, all fail to open.
 */
public final class SealedChunks {

    /** Plain bytes per segment. */
    static final int SEGMENT = 256 * 1024;
    private static final int PREFIX = 7;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String table;
    private final String owner;

    /**
     * @param table  the chunk table, e.g. {@code quarantine_chunk}
     * @param owner  its column naming the row the body belongs to, e.g. {@code item_id}
     */
    public SealedChunks(String table, String owner) {
        this.table = table;
        this.owner = owner;
    }

    /**
     * Seals {@code plain} into segments under {@code key} and inserts them for {@code id} on
     * {@code c} (the caller's transaction). Returns the number of plain bytes.
     */
    public long write(Connection c, long id, InputStream plain, byte[] key, String context)
            throws IOException, SQLException {
        byte[] prefix = new byte[PREFIX];
        RANDOM.nextBytes(prefix);
        SecretKeySpec k = new SecretKeySpec(key, "AES");
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        byte[] current = plain.readNBytes(SEGMENT);
        long total = 0;
        int seq = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + owner + ", seq, data) VALUES (?,?,?)")) {
            while (true) {
                byte[] next = current.length == SEGMENT ? plain.readNBytes(SEGMENT) : new byte[0];
                boolean last = next.length == 0;
                ps.setLong(1, id);
                ps.setInt(2, seq);
                ps.setBytes(3, seal(k, nonce(prefix, seq, last), aad, current));
                ps.executeUpdate();
                total += current.length;
                if (last) {
                    return total;
                }
                current = next;
                seq++;
            }
        }
    }

    /**
     * The plain body of {@code id}, read one segment (one short query) at a time on its own
     * connections. Reading throws an {@link IOException} if the body was altered, is incomplete,
     * belongs to another row or another key sealed it.
     */
    public InputStream read(Database db, long id, byte[] key, String context) {
        return new Reader(db, id, new SecretKeySpec(key, "AES"), context.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code id} has a body in the chunk table (rows stored before it have theirs in one column). */
    public boolean has(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + owner + " = ? AND seq = 0")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + owner + " = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static byte[] nonce(byte[] prefix, int seq, boolean last) {
        return ByteBuffer.allocate(NONCE).put(prefix).putInt(seq).put((byte) (last ? 1 : 0)).array();
    }

    private static byte[] seal(SecretKeySpec key, byte[] nonce, byte[] aad, byte[] plain) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] out = new byte[NONCE + c.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            c.doFinal(plain, 0, plain.length, out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private final class Reader extends InputStream {
        private final Database db;
        private final long id;
        private final SecretKeySpec key;
        private final byte[] aad;
        private byte[] prefix;
        private byte[] buffer = new byte[0];
        private int pos;
        private int seq;
        private boolean done;

        Reader(Database db, long id, SecretKeySpec key, byte[] aad) {
            this.db = db;
            this.id = id;
            this.key = key;
            this.aad = aad;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos == buffer.length) {
                if (done) {
                    return -1;
                }
                next();
            }
            int n = Math.min(len, buffer.length - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }

        private void next() throws IOException {
            byte[] row;
            try (Connection c = db.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT data FROM " + table + " WHERE " + owner
                            + " = ? AND seq = ?")) {
                ps.setLong(1, id);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    row = rs.next() ? rs.getBytes(1) : null;
                }
            } catch (SQLException e) {
                throw new IOException("cannot read the stored body: " + e.getMessage(), e);
            }
            if (row == null || row.length < NONCE + TAG_BITS / 8) {
                throw new IOException("the stored body is incomplete (segment " + seq + " is missing)");
            }
            byte[] nonce = Arrays.copyOf(row, NONCE);
            ByteBuffer n = ByteBuffer.wrap(nonce);
            byte[] p = new byte[PREFIX];
            n.get(p);
            int number = n.getInt();
            byte last = n.get();
            if (number != seq || (prefix != null && !Arrays.equals(prefix, p)) || (last != 0 && last != 1)) {
                throw new IOException("the stored body is out of order or mixed with another");
            }
            prefix = p;
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                c.updateAAD(aad);
                buffer = c.doFinal(row, NONCE, row.length - NONCE);
            } catch (GeneralSecurityException e) {
                throw new IOException("the stored body does not open: altered, or sealed with another key", e);
            }
            pos = 0;
            seq++;
            done = last == 1;
        }
    }
}
