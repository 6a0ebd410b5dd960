package org.mailgate.gateway.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailgate.config.ConfigException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.AuditLog;
import org.mailgate.gateway.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manages the accounts of the review UI and API (in the shared store, storage.database).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Token.class,
                UsersCommand.Disable.class})
final class UsersCommand extends CommandGroup {

    /** Opens the store, runs, and turns the errors people meet into one clear line and exit code 2. */
    private abstract static class StoreCommand implements Callable<Integer> {
        @Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            try {
                GatewayConfig c = config.load();
                try (Database db = Database.open(c.storage())) {
                    Clock clock = Clock.systemUTC();
                    return run(new Users(db, clock, c.web().maxLoginFailures(), c.web().lockout()),
                            new AuditLog(db, clock));
                }
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
            } catch (IllegalArgumentException e) {
                System.err.println("users: " + e.getMessage());
            } catch (Exception e) {
                System.err.println("users: " + e.getMessage());
            }
            return 2;
        }

        abstract int run(Users users, AuditLog audit) throws Exception;

        static String actor() {
            return "cli:" + System.getProperty("user.name", "?");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an account, or sets the role and password of an existing one.")
    static final class Add extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "reviewer, auditor, admin or staff (staff: the name is their e-mail address)")
        String role;

        @Option(names = "--password-stdin", required = true,
                description = "read the password (at least " + Users.MIN_PASSWORD_LENGTH + " characters) from standard input")
        boolean stdin;

        @Override
        int run(Users users, AuditLog audit) throws Exception {
            Role r = Role.parse(role);
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isEmpty()) {
                System.err.println("users add: no password on standard input");
                return 2;
            }
            boolean existed = users.find(name).isPresent();
            users.add(name, r, password);
            audit.record(actor(), existed ? "USER_UPDATE" : "USER_ADD", null, name + " as " + r.label()
                    + " (command line)", "");
            System.out.println((existed ? "updated " : "added ") + name + " (" + r.label() + ")"
                    + (existed ? "; its sessions and API tokens were ended" : ""));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static final class ListUsers extends StoreCommand {
        @Override
        int run(Users users, AuditLog audit) throws Exception {
            Instant now = Instant.now();
            List<List<String>> rows = new ArrayList<>();
            for (Users.User u : users.list()) {
                String state = u.disabled() ? "disabled" : u.lockedUntil().isAfter(now) ? "locked until "
                        + u.lockedUntil() : "active";
                rows.add(List.of(u.name(), u.role().label(), state));
            }
            System.out.print(Columns.table(List.of("NAME", "ROLE", "STATE"), rows));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Creates an API token for an account (shown once; send it as 'Authorization: Bearer TOKEN').",
            subcommands = {UsersCommand.ListTokens.class, UsersCommand.RevokeToken.class})
    static final class Token extends StoreCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the account the token is for")
        String name;

        @Option(names = "--label", defaultValue = "api", description = "what the token is for (default: ${DEFAULT-VALUE})")
        String label;

        @Override
        int run(Users users, AuditLog audit) throws Exception {
            if (name == null) {
                System.err.println("users token: give the account name (users token NAME), or list / revoke ID");
                return 2;
            }
            if (users.find(name).isEmpty()) {
                System.err.println("users token: no account named " + name + " (add it with users add)");
                return 2;
            }
            if (label.length() > 128) {
                System.err.println("users token: a label is at most 128 characters");
                return 2;
            }
            String token = users.createToken(name, label);
            audit.record(actor(), "TOKEN_CREATE", null, "API token '" + label + "' for " + name + " (command line)",
                    "");
            System.out.println(token);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the API tokens (their numbers, accounts and labels; never the tokens themselves).")
    static final class ListTokens extends StoreCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this account's tokens")
        String name;

        @Override
        int run(Users users, AuditLog audit) throws Exception {
            List<List<String>> rows = new ArrayList<>();
            for (Users.ApiToken t : users.tokens(java.util.Optional.ofNullable(name))) {
                rows.add(List.of(String.valueOf(t.id()), t.user(), t.label(), t.created().toString()));
            }
            System.out.print(Columns.table(List.of("ID", "ACCOUNT", "LABEL", "CREATED"), rows));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes one API token by its number (see users token list); it stops working at once.")
    static final class RevokeToken extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        int run(Users users, AuditLog audit) throws Exception {
            java.util.Optional<Users.ApiToken> gone = users.revokeToken(id);
            if (gone.isEmpty()) {
                System.err.println("users token revoke: no API token number " + id + " (see users token list)");
                return 2;
            }
            audit.record(actor(), "TOKEN_REVOKE", null, gone.get().describe() + " (command line)", "");
            System.out.println("revoked API token " + id + " of " + gone.get().user());
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables an account (or enables it again with --enable); its sessions and tokens stop working.")
    static final class Disable extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--enable", description = "enable the account again")
        boolean enable;

        @Override
        int run(Users users, AuditLog audit) throws Exception {
            if (users.find(name).isEmpty()) {
                System.err.println("users disable: no account named " + name);
                return 2;
            }
            users.setDisabled(name, !enable);
            audit.record(actor(), enable ? "USER_ENABLE" : "USER_DISABLE", null, name + " (command line)", "");
            System.out.println((enable ? "enabled " : "disabled ") + name);
            return 0;
        }
    }
}
