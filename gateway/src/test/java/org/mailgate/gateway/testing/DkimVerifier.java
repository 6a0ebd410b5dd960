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

    private static final String SCRIPT = """
            import sys, dkim
            msg = open(sys.argv[1], 'rb').read()
            txt = open(sys.argv[2], 'rb').read()
            name = sys.argv[3].encode()
            ok = dkim.verify(msg, dnsfunc=lambda n, timeout=5: txt if n == name else None)
            print('pass' if ok else 'fail')
            sys.exit(0 if ok else 1)
            """;

    private final Path dir;
    private final Path script;
    private final Path txt;
    private final String name;
    private int n;

    /** Skips the test where python3-dkim is missing (fails in CI). */
    public DkimVerifier(Path dir, KeyPair key, String domain, String selector) throws IOException {
        Peers.require("dkimverify", false);
        this.dir = dir;
        this.script = dir.resolve("verify.py");
        this.txt = dir.resolve(selector + ".txt");
        this.name = selector + "._domainkey." + domain + ".";
        Files.writeString(script, SCRIPT);
        Files.writeString(txt, "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    }

    /** The verifier's verdict on a message as it was received: {@code pass} or {@code fail}. */
    public synchronized String verify(byte[] message) throws IOException, InterruptedException {
        Path file = dir.resolve("m" + n++ + ".eml");
        Files.write(file, message);
        String out = Peers.run(List.of("/usr/bin/python3", script.toString(), file.toString(), txt.toString(), name))
                .output();
        return out.contains("pass") ? "pass" : "fail";
    }
}
