package org.mailgate.gateway.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mailgate.gateway.auth.Passwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Reads a password from standard input and prints its bcrypt hash, "
                + "for smtp.auth.users[].password_hash.")
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--password-stdin", required = true, description = "read the password from standard input")
    boolean stdin;

    @Override
    public Integer call() throws Exception {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("hash-password: no password on standard input");
            return 2;
        }
        System.out.println(Passwords.hash(password));
        return 0;
    }
}
