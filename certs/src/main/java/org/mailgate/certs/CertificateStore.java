package org.mailgate.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner certificates in one folder: {@code <id>.pem} per certificate and an empty
 * {@code <id>.trusted} marker for certificates an administrator trusted explicitly.
 *
 * <p>Nothing is cached: every call reads the folder, and every write is a temporary file plus an
 * atomic rename, so the gateway, the CLI and the admin UI may share the folder across processes.
 * Validation status is computed when listing, because it depends on the clock.
 */
public final class CertificateStore {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final String PEM = ".pem";
    private static final String TRUSTED = ".trusted";
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final Path dir;
    private final Clock clock;
    private final CertificateValidator validator;

    public CertificateStore(Path dir, TrustSettings trust, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = new CertificateValidator(Objects.requireNonNull(trust, "trust"), clock);
    }

    /**
     * Imports every certificate in a PEM (one or many), DER, PKCS#7 (.p7b/.p7c) file, a detached
     * signature (.p7s) or a signed message (.eml). Importing a certificate twice is harmless.
     */
    public List<StoredCertificate> importFile(Path file) throws CertificateImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CertificateImportException(file + ": cannot read the file (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "). Check the path and its permissions.", e);
        }
        return store(file.toString(), CertificateReader.read(file.toString(), bytes));
    }

    /** Imports the certificates from the S/MIME signature of a message, so that its sender can be encrypted to. */
    public List<StoredCertificate> importSignedMessage(InputStream rfc822) throws CertificateImportException {
        return store("signed message", CertificateReader.fromSignedMessage("signed message", rfc822));
    }

    /**
     * Takes a partner's certificate from a signed message they sent us, keeping only
     * certificates that name the sender: a signed mail can hand us its author's certificate,
     * not anybody else's. The signature must verify. Returns what was stored (maybe nothing).
     */
    public List<StoredCertificate> harvest(InputStream rfc822, String sender) throws CertificateImportException {
        String wanted = Certificates.normalise(sender);
        List<X509Certificate> own = CertificateReader.fromSignedMessage("signed message from " + wanted, rfc822).stream()
                .filter(c -> Certificates.addresses(c).contains(wanted)).toList();
        return own.isEmpty() ? List.of() : store("signed message from " + wanted, own);
    }

    /** All certificates with their current validation status. */
    public List<StoredCertificate> list() {
        Snapshot snap = snapshot();
        List<StoredCertificate> out = new ArrayList<>();
        for (var e : snap.certs.entrySet()) {
            out.add(describe(e.getKey(), e.getValue(), snap.trusted.contains(e.getKey()), snap.certs.values()));
        }
        out.sort(Comparator.comparing(StoredCertificate::subject).thenComparing(StoredCertificate::notAfter));
        return out;
    }

    /** Certificates for an address (case-insensitive), usable or not. */
    public List<StoredCertificate> find(String emailAddress) {
        Snapshot snap = snapshot();
        List<StoredCertificate> out = new ArrayList<>();
        for (String id : snap.byAddress.getOrDefault(Certificates.normalise(emailAddress), List.of())) {
            out.add(describe(id, snap.certs.get(id), snap.trusted.contains(id), snap.certs.values()));
        }
        return out;
    }

    /** The usable certificate for an address with the latest expiry, if any. */
    public Optional<X509Certificate> bestFor(String emailAddress) {
        return find(emailAddress).stream().filter(StoredCertificate::usable)
                .max(Comparator.comparing(StoredCertificate::notAfter))
                .map(StoredCertificate::certificate);
    }

    /** @return whether a certificate with this id existed */
    public boolean remove(String id) {
        if (!isId(id)) {
            return false;
        }
        try {
            Files.deleteIfExists(dir.resolve(id + TRUSTED));
            return Files.deleteIfExists(dir.resolve(id + PEM));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove certificate " + id + " from " + dir, e);
        }
    }

    /**
     * Marks a certificate as trusted regardless of its chain (typically a partner's self-signed
     * certificate whose fingerprint was confirmed out of band). Expiry and key usage still apply.
     *
     * @throws IllegalArgumentException when no certificate has this id
     */
    public void trustExplicitly(String id, boolean trusted) {
        if (!isId(id) || !Files.exists(dir.resolve(id + PEM))) {
            throw new IllegalArgumentException("no certificate with id " + id + " in " + dir);
        }
        try {
            if (trusted) {
                AtomicFiles.write(dir.resolve(id + TRUSTED), new byte[0], false);
            } else {
                Files.deleteIfExists(dir.resolve(id + TRUSTED));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change trust of certificate " + id + " in " + dir, e);
        }
    }

    private List<StoredCertificate> store(String source, List<X509Certificate> certs) throws CertificateImportException {
        List<String> ids = new ArrayList<>();
        for (X509Certificate c : certs) {
            String id = Certificates.id(c);
            try {
                if (!Files.exists(dir.resolve(id + PEM))) {
                    // a marker left over from a race with remove() must not silently trust a re-import
                    Files.deleteIfExists(dir.resolve(id + TRUSTED));
                }
                AtomicFiles.write(dir.resolve(id + PEM), Certificates.pem(List.of(c)), false);
            } catch (IOException e) {
                throw new CertificateImportException(source + ": cannot write to the certificate store " + dir + " ("
                        + e.getMessage() + "). Check that the folder exists and is writable.", e);
            }
            ids.add(id);
        }
        LOG.info("imported {} certificate(s) from {}: {}", ids.size(), source, ids);
        Map<String, StoredCertificate> byId = list().stream()
                .collect(Collectors.toMap(StoredCertificate::id, c -> c, (a, b) -> a));
        return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }

    private StoredCertificate describe(String id, X509Certificate c, boolean trusted, Collection<X509Certificate> all) {
        // the whole store serves as the pool of intermediates for chain building
        List<String> problems = validator.problems(c, trusted, all);
        Instant now = clock.instant();
        Instant notAfter = c.getNotAfter().toInstant();
        boolean expiringSoon = !now.isAfter(notAfter) && now.plus(EXPIRY_WARNING).isAfter(notAfter);
        return new StoredCertificate(id, Certificates.addresses(c), Certificates.readable(c.getSubjectX500Principal()),
                Certificates.readable(c.getIssuerX500Principal()), c.getNotBefore().toInstant(), notAfter,
                Certificates.keyAlgorithm(c), problems.isEmpty(), problems, expiringSoon, c);
    }

    /**
     * The parsed certificates, kept between calls while the folder is unchanged: the gateway
     * looks up every external recipient of every protected message, and re-reading the folder
     * each time does not scale. A folder changed in the last second is always re-read, because
     * its modification time may not have ticked for a change made just now.
     */
    private record Snapshot(FileTime modified, Map<String, X509Certificate> certs, Set<String> trusted,
            Map<String, List<String>> byAddress) {
    }

    private volatile Snapshot cached;

    private Snapshot snapshot() {
        FileTime modified;
        try {
            modified = Files.isDirectory(dir) ? Files.getLastModifiedTime(dir) : FileTime.fromMillis(0);
        } catch (IOException e) {
            modified = FileTime.fromMillis(0);
        }
        Snapshot s = cached;
        boolean settled = modified.toInstant().isBefore(Instant.now().minusSeconds(1));
        if (s != null && settled && s.modified.equals(modified)) {
            return s;
        }
        Map<String, X509Certificate> certs = readAll();
        Map<String, List<String>> byAddress = new LinkedHashMap<>();
        certs.forEach((id, c) -> Certificates.addresses(c).forEach(a ->
                byAddress.computeIfAbsent(a, k -> new ArrayList<>()).add(id)));
        s = new Snapshot(modified, Map.copyOf(certs), Set.copyOf(trustedIds()), byAddress);
        cached = s;
        return s;
    }

    private Map<String, X509Certificate> readAll() {
        Map<String, X509Certificate> out = new LinkedHashMap<>();
        for (Path p : files(PEM)) {
            String id = idOf(p, PEM);
            try {
                List<X509Certificate> certs = CertificateReader.read(p.toString(), Files.readAllBytes(p));
                out.put(id, certs.get(0));
            } catch (NoSuchFileException removedMeanwhile) {
                // another process removed it between listing and reading
            } catch (IOException | CertificateImportException e) {
                LOG.warn("skipping unreadable certificate file {}: {}", p, e.getMessage());
            }
        }
        return out;
    }

    private Set<String> trustedIds() {
        return files(TRUSTED).stream().map(p -> idOf(p, TRUSTED)).collect(Collectors.toSet());
    }

    private List<Path> files(String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(suffix) && isId(n.substring(0, n.length() - suffix.length()));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the certificate store " + dir, e);
        }
    }

    private static String idOf(Path p, String suffix) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - suffix.length());
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
