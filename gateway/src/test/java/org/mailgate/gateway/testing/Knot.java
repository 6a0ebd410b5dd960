package org.mailgate.gateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real authoritative DNS server for tests: Debian's Knot DNS ({@code knotd}) serving the
 * given zones (zone file text by origin) on a free port of 127.0.0.1, UDP and TCP, until closed.
 * Use it with {@code dns.servers: [127.0.0.1:PORT]}.
 */
public final class Knot implements AutoCloseable {

    private final Process process;
    private final int port;

    private Knot(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts knotd in {@code dir} (skips the test when Knot is not installed, fails in CI). */
    public static Knot serve(Path dir, Map<String, String> zones) throws IOException, InterruptedException {
        return serve(dir, zones, java.util.Set.of());
    }

    /**
     * As {@link #serve(Path, Map)}, with the zones in {@code signed} signed by Knot (DNSSEC,
     * ECDSA P-256, keys made on the spot); {@link #trustAnchor} gives their keys.
     */
    public static Knot serve(Path dir, Map<String, String> zones, java.util.Set<String> signed)
            throws IOException, InterruptedException {
        Peers.require("knotd", false);
        Peers.require("kdig", false);
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder("server:\n    listen: 127.0.0.1@" + port + "\n    rundir: " + dir
                + "\n    user: root:root\ndatabase:\n    storage: " + dir + "\nzone:\n");
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path file = dir.resolve(z.getKey() + ".zone");
            Files.writeString(file, z.getValue());
            conf.append("  - domain: ").append(z.getKey()).append("\n    file: ").append(file).append('\n');
            if (signed.contains(z.getKey())) {
                conf.append("    dnssec-signing: on\n");
            }
        }
        Path config = dir.resolve("knot.conf");
        Files.writeString(config, conf);
        Process p = new ProcessBuilder("knotd", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("knot.log").toFile()).start();
        Knot knot = new Knot(p, port);
        String first = zones.keySet().iterator().next();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Peers.Result r = Peers.run(List.of("kdig", "@127.0.0.1", "-p", String.valueOf(port), first, "SOA", "+short"));
            if (r.exit() == 0 && !r.output().isBlank() && !r.output().contains("timed out")
                    && signed.stream().allMatch(z -> !knot.trustAnchor(z).isEmpty())) {
                return knot;
            }
            Thread.sleep(100);
        }
        knot.close();
        throw new IOException("knotd did not answer within 15 s: " + Files.readString(dir.resolve("knot.log")));
    }

    /**
     * A zone file for {@code domain}: SOA, NS ns (127.0.0.1), {@code MX 10 mx1} with mx1 at
     * 127.0.0.1, then {@code records} (one per line, relative names).
     */
    public static String zone(String domain, String... records) {
        return "$ORIGIN " + domain + ".\n$TTL 300\n@ SOA ns." + domain + ". hostmaster." + domain
                + ". 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n@ MX 10 mx1\nmx1 A 127.0.0.1\n"
                + String.join("\n", records) + "\n";
    }

    /** The key signing keys of a signed zone as DNSKEY records in zone file form, for {@code dns.trust_anchor}. */
    public String trustAnchor(String zone) {
        try {
            Peers.Result r = Peers.run(List.of("kdig", "@127.0.0.1", "-p", String.valueOf(port), zone, "DNSKEY",
                    "+noall", "+answer"));
            StringBuilder out = new StringBuilder();
            for (String line : r.output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 5 && f[3].equals("DNSKEY") && f[4].equals("257")) {
                    out.append(f[0]).append(" IN DNSKEY ").append(String.join(" ", List.of(f).subList(4, f.length)))
                            .append('\n');
                }
            }
            return out.toString();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
