package org.mailgate.gateway.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one secret the shared store needs: 32 random bytes, from {@code storage.master_key} or
 * generated into {@code storage.dir/keys/master.key} on first start. Each use gets its own
 * key derived with HMAC-SHA256 (at-rest encryption, reply tokens, ...), so one purpose's key
 * never serves another.
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final byte[] key;

    MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes");
        }
        this.key = key.clone();
    }

    public static MasterKey load(Optional<String> configured, Path storageDir) throws IOException {
        if (configured.isPresent()) {
            return new MasterKey(Base64.getDecoder().decode(configured.get().trim()));
        }
        Path file = storageDir.resolve("keys").resolve("master.key");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system; the directory's permissions must do
                }
                log.warn("store: generated a master key at {}; back it up (held mail cannot be read without it) "
                        + "and give every node of a cluster the same key (storage.master_key)", file);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: use theirs
            }
        }
        try {
            return new MasterKey(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a master key (32 bytes in base64)", e);
        }
    }

    /** A 32-byte key for one purpose, such as {@code "at-rest"} or {@code "reply-token"}. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("mailgate:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
