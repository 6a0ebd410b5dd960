package org.mailgate.config;

import java.nio.file.Path;

/** Where a class of mail goes next: a relay host, the recipient domain's MX, or a folder. */
public sealed interface Route {

    /** A fixed next hop (smarthost or internal mail server). */
    record Smarthost(HostPort target) implements Route {
        @Override
        public String toString() {
            return target.toString();
        }
    }

    /** Direct delivery to the recipient domain's MX hosts (RFC 5321 section 5.1). */
    record Mx() implements Route {
        @Override
        public String toString() {
            return "mx";
        }
    }

    /** Writes each delivered message as a .eml file into a folder (trials, demos). */
    record Directory(Path path) implements Route {
        @Override
        public String toString() {
            return "dir:" + path;
        }
    }

    /** Parses {@code mx}, {@code host:port} or {@code dir:PATH}. */
    static Route parse(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("mx")) {
            return new Mx();
        }
        if (s.startsWith("dir:")) {
            String p = s.substring(4).trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("dir: needs a folder, e.g. dir:./data/outbox");
            }
            return new Directory(Path.of(p).toAbsolutePath().normalize());
        }
        try {
            return new Smarthost(HostPort.parse(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a route: use mx, host:port or dir:PATH");
        }
    }
}
