package org.mailgate.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps parsed certificates between lookups but sees every change to its folder. */
class CertificateStoreCacheTest {

    @TempDir
    Path dir;
    @TempDir
    Path files;

    @Test
    void seesImportsRemovalsAndTrustChangesMadeAfterItCachedTheFolder() throws Exception {
        TestPki pki = new TestPki();
        CertificateStore store = new CertificateStore(dir, TrustSettings.permissive(), Clock.systemUTC());
        CertificateStore otherProcess = new CertificateStore(dir, TrustSettings.permissive(), Clock.systemUTC());
        TestPki.Issued alice = pki.rsaUser("alice@partner.example");
        store.importFile(TestPki.writePem(alice, files, "alice")[0]);
        settle();
        assertThat(store.bestFor("alice@partner.example")).contains(alice.cert());
        assertThat(store.bestFor("alice@partner.example")).contains(alice.cert()); // from the cache

        TestPki.Issued bob = pki.rsaUser("bob@partner.example");
        otherProcess.importFile(TestPki.writePem(bob, files, "bob")[0]);
        assertThat(store.bestFor("bob@partner.example")).contains(bob.cert());
        settle();
        assertThat(store.find("bob@partner.example")).hasSize(1);

        otherProcess.remove(alice.id());
        assertThat(store.bestFor("alice@partner.example")).isEmpty();
    }

    /** Makes the folder look untouched for a while, so the next lookup may use the cache. */
    private void settle() throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(10)));
    }
}
