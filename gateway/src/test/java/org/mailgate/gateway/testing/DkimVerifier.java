package org.mailgate.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

/**
 * A second DKIM implementation for tests: Debian's python3-dkim (the library behind
 * dkimverify), given the public key of {@code selector._domainkey.domain} as DNS would.
 */
public final class DkimVerifier {

    /** Verifies every DKIM-Signature field of the message; prints one verdict per signature. */
    private static final String SCRIPT = """
            import sys, re, dkim
            msg = open(sys.argv[1], 'rb').read()
            keys = {}
            for i in range(2, len(sys.argv), 2):
                keys[sys.argv[i].encode()] = open(sys.argv[i + 1], 'rb').read()
            head = msg.split(b'\\r\\n\\r\\n', 1)[0]
            n = len(re.findall(rb'(?mi)^DKIM-Signature:', head))
            def verdict(i):
                try:
                    ok = dkim.DKIM(msg).verify(idx=i, dnsfunc=lambda name, timeout=5: keys.get(name))
                    return 'pass' if ok else 'fail'
                except Exception:
                    return 'fail'
            verdicts = [verdict(i) for i in range(n)]
            print(' '.join(verdicts) if verdicts else 'unsigned')
            """;

    private final Path dir;
    private final Path script;
    private final List<String> keyArgs = new java.util.ArrayList<>();
    private int n;

    /** Skips the test where python3-dkim is missing (fails in CI). */
    public DkimVerifier(Path dir, KeyPair key, String domain, String selector) throws IOException {
        this(dir, domain, java.util.Map.of(selector, key));
    }

    /** One published key per selector of {@code domain}: RSA ({@code k=rsa}) or Ed25519 ({@code k=ed25519}). */
    public DkimVerifier(Path dir, String domain, java.util.Map<String, KeyPair> keys) throws IOException {
        Peers.require("dkimverify", false);
        this.dir = dir;
        this.script = dir.resolve("verify.py");
        Files.writeString(script, SCRIPT);
        for (var e : keys.entrySet()) {
            Path txt = dir.resolve(e.getKey() + ".txt");
            byte[] spki = e.getValue().getPublic().getEncoded();
            boolean ed = e.getValue().getPublic().getAlgorithm().startsWith("Ed");
            Files.writeString(txt, "v=DKIM1; k=" + (ed ? "ed25519" : "rsa") + "; p=" + Base64.getEncoder()
                    .encodeToString(ed ? java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length) : spki));
            keyArgs.add(e.getKey() + "._domainkey." + domain + ".");
            keyArgs.add(txt.toString());
        }
    }

    /**
     * The verifier's verdict on a message as it was received: {@code pass} when every signature
     * verifies, else the verdicts, one per signature ({@code pass fail}), or {@code unsigned}.
     */
    public synchronized String verify(byte[] message) throws IOException, InterruptedException {
        Path file = dir.resolve("m" + n++ + ".eml");
        Files.write(file, message);
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString(), file.toString()));
        command.addAll(keyArgs);
        String out = Peers.run(command).output().strip();
        return out.matches("pass( pass)*") ? "pass" : out;
    }
}
