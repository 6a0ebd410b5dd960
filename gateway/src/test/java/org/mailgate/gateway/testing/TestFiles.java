package org.mailgate.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small I/O helpers shared by the tests. */
public final class TestFiles {

    private TestFiles() {
    }

    public static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every delivery-state file in a spool, concatenated (what `queue list` would read). */
    public static String spoolStates(Path storageDir) {
        try (Stream<Path> s = Files.list(storageDir.resolve("spool/queue"))) {
            return s.filter(p -> p.toString().endsWith(".state")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException gone) {
                    return "";
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one line ending in LF (CR before it dropped), or null at end of stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int len = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }
}
