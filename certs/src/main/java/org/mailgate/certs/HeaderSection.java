package org.mailgate.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads the header section at the start of a message stream, byte-exact. */
public final class HeaderSection {

    /** Longest header section read (SMTP limits keep real ones far below). */
    public static final int MAX = 1024 * 1024;

    private HeaderSection() {
    }

    /**
     * The bytes up to and including the empty line that ends the header section (or all of a
     * message that has no body), leaving {@code message} at the first body byte.
     *
     * @throws IllegalArgumentException if there is no end within {@link #MAX} bytes
     */
    public static byte[] read(InputStream message) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int previous = -1;
        int lineLength = 0;
        int b;
        while ((b = message.read()) >= 0) {
            header.write(b);
            if (b == '\n') {
                // An empty line (only CR before LF, or nothing) ends the header section.
                if (lineLength == 0 || (lineLength == 1 && previous == '\r')) {
                    break;
                }
                lineLength = 0;
            } else {
                lineLength++;
            }
            previous = b;
            if (header.size() > MAX) {
                throw new IllegalArgumentException("the header section is longer than " + MAX + " bytes");
            }
        }
        return header.toByteArray();
    }
}
