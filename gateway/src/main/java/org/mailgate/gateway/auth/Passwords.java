package org.mailgate.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes ({@code $2y$...}, the format of {@code htpasswd -B}) through
 * BouncyCastle. The cost makes each check take a noticeable fraction of a second, which is
 * the point: guessing is slow.
 */
public final class Passwords {

    public static final int COST = 12;
    private static final int MAX_BYTES = 72;
    /** A valid hash of a random password: checked when the user is unknown, so timing does not tell. */
    private static final String DUMMY = hash("unknown-user-" + System.nanoTime(), new SecureRandom(), COST);

    private Passwords() {
    }

    public static String hash(String password) {
        return hash(password, new SecureRandom(), COST);
    }

    static String hash(String password, SecureRandom random, int cost) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", truncate(password), salt, cost);
    }

    /** Constant-time check; a null or malformed hash is simply a mismatch. */
    public static boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash == null ? DUMMY : hash, truncate(password));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static char[] truncate(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_BYTES) {
            return password.toCharArray();
        }
        // bcrypt reads at most 72 bytes; cut on a character boundary so hashing is stable.
        String s = password;
        while (s.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toCharArray();
    }
}
