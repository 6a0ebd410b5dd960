package org.mailgate.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mailgate.classifier.Confidence;
import org.mailgate.classifier.FindingType;
import org.mailgate.classifier.Level;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates the gateway configuration. Every default lives here, next to the key it
 * belongs to; {@code gateway.jar config} prints the effective result.
 */
public final class ConfigLoader {

    /** The finding types the classifier reports: the one list is {@link FindingType}. */
    private static final List<String> FINDING_TYPES = names(FindingType.values());

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }


    /** The embedded default used by {@code serve} without {@code --config}: no other server needed. */
    public static final String EMBEDDED_DEFAULT = """
            # Embedded default: everything local, nothing leaves this machine.
            smtp:
              listen: 127.0.0.1:2525
              allowed_networks: [127.0.0.0/8, "::1/128"]
            domains:
              internal: [council.example]
            routes:
              internal: dir:./data/outbox
              external: dir:./data/outbox
            storage:
              dir: ./data
              database: embedded
            web:
              listen: 127.0.0.1:8080
            policy:
              # Sensitive mail to the family courts is reviewed by the IA team before it goes (the
              # quick start's example of a hold); the rest goes through the secure portal.
              quarantine_domains: ["*.court.example"]
            """;

    private final Function<String, String> environment;

    public ConfigLoader() {
        this(System::getenv);
    }

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigException.Problem(file.toString(), 0, "", "file not found"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigException.Problem(file.toString(), 0, "", "cannot read: " + e));
        }
        return parse(text, file.toString());
    }

    public GatewayConfig embeddedDefault() {
        return parse(EMBEDDED_DEFAULT, "(embedded default)");
    }

    public GatewayConfig parse(String yaml, String fileName) {
        List<ConfigException.Problem> problems = new ArrayList<>();
        YamlSection root = new YamlSection(fileName, "", compose(yaml, fileName), problems, environment);
        GatewayConfig config = read(root);
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** Parses YAML into nodes (which keep line numbers) with limits against alias bombs. */
    static Node compose(String yaml, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(4 * 1024 * 1024);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(new ConfigException.Problem(fileName, line, "",
                    "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigException.Problem(fileName, 0, "", "not valid YAML: " + e.getMessage()));
        }
    }

    private GatewayConfig read(YamlSection root) {
        GatewayConfig.Smtp smtp = smtp(root.section("smtp"));
        GatewayConfig.Domains domains = domains(root.section("domains"));
        GatewayConfig.Routes routes = routes(root.section("routes"), domains);
        GatewayConfig.Delivery delivery = delivery(root.section("delivery"));
        GatewayConfig.Storage storage = storage(root.section("storage"));
        GatewayConfig.Web web = web(root.section("web"));
        GatewayConfig.Leave leave = leave(root.section("leave"));
        GatewayConfig.Policy policy = policy(root.section("policy"));
        GatewayConfig.Smime smime = smime(root.section("smime"));
        GatewayConfig.Classifier classifier = classifier(root.section("classifier"));
        GatewayConfig.Quarantine quarantine = quarantine(root.section("quarantine"), domains);
        GatewayConfig.Portal portal = portal(root.section("portal"), domains);
        List<GatewayConfig.Label> labels = labels(root.sections("labels"));
        GatewayConfig.Misdirected misdirected = misdirected(root.section("misdirected"));
        GatewayConfig.Dkim dkim = dkim(root.section("dkim"));
        GatewayConfig.MtaSts mtaSts = mtaSts(root.section("mta_sts"));
        GatewayConfig.TlsRpt tlsRpt = tlsRpt(root.section("tls_rpt"), firstDomain(domains));
        YamlSection dnsSection = root.section("dns");
        GatewayConfig.Dns dns = new GatewayConfig.Dns(dnsSection.list("servers", List.of(),
                t -> HostPort.parse(t.contains(":") ? t : t.trim() + ":53")),
                dnsSection.optionalString("trust_anchor").map(ConfigLoader::path));
        dnsSection.finish();
        return new GatewayConfig(smtp, domains, routes, delivery, storage, web, leave, policy, smime, classifier,
                quarantine, portal, labels, misdirected, dkim, mtaSts, tlsRpt, dns, root.file());
    }

    private GatewayConfig.Smtp smtp(YamlSection s) {
        HostPort listen = s.value("listen", new HostPort("127.0.0.1", 2525), HostPort::parse);
        String hostname = s.string("hostname", localHostName());
        List<Cidr> allowed = s.list("allowed_networks",
                List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), Cidr::parse);
        long maxBytes = s.number("max_message_bytes", 52_428_800L, 1024, Integer.MAX_VALUE);
        int maxRecipients = s.integer("max_recipients", 1000, 1, 100_000);
        int maxHeader = s.integer("max_header_bytes", 262_144, 1024, 64 * 1024 * 1024);
        int maxConnections = s.integer("max_connections", 200, 1, 10_000);
        int perIp = s.integer("max_connections_per_ip", 50, 1, 10_000);
        int maxErrors = s.integer("max_errors", 10, 1, 1000);
        Duration commandTimeout = s.duration("command_timeout", Duration.ofMinutes(5));
        Duration dataTimeout = s.duration("data_timeout", Duration.ofMinutes(10));
        GatewayConfig.Tls tls = tls(s.section("tls"));
        List<GatewayConfig.AuthUser> users = new ArrayList<>();
        YamlSection auth = s.section("auth");
        for (YamlSection u : auth.sections("users")) {
            String name = u.string("name", null);
            String hash = u.string("password_hash", null);
            if (name == null || name.isBlank()) {
                u.problem("name", "required");
            } else if (hash == null || !hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                u.problem("password_hash", "required: a bcrypt hash; make one with "
                        + "'java -jar gateway.jar hash-password --password-stdin'");
            } else {
                users.add(new GatewayConfig.AuthUser(name, hash));
            }
            u.finish();
        }
        auth.finish();
        s.finish();
        return new GatewayConfig.Smtp(listen, hostname, allowed, maxBytes, maxRecipients, maxHeader,
                maxConnections, perIp, maxErrors, commandTimeout, dataTimeout, tls,
                new GatewayConfig.Auth(List.copyOf(users)));
    }

    private GatewayConfig.Domains domains(YamlSection s) {
        List<String> internal = s.list("internal", List.of(), ConfigLoader::domain);
        s.finish();
        return new GatewayConfig.Domains(internal);
    }

    private GatewayConfig.Routes routes(YamlSection s, GatewayConfig.Domains domains) {
        Route internal = s.value("internal", null, Route::parse);
        Route external = s.value("external", new Route.Mx(), Route::parse);
        if (internal == null && !domains.internal().isEmpty() && !s.has("internal")) {
            s.problem("internal", "required when domains.internal is set: the internal mail server as host:port");
        }
        if (internal instanceof Route.Mx) {
            s.problem("internal", "must be host:port or dir:PATH (mx would send internal mail back to the gateway)");
        }
        s.finish();
        return new GatewayConfig.Routes(internal, external);
    }

    private GatewayConfig.Delivery delivery(YamlSection s) {
        int concurrency = s.integer("concurrency", 20, 1, 1000);
        int maxQueueDays = s.integer("max_queue_days", 5, 1, 60);
        List<Duration> retry = s.list("retry_intervals", List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(4)), YamlSection::parseDuration);
        if (retry.isEmpty()) {
            s.problem("retry_intervals", "needs at least one interval");
            retry = List.of(Duration.ofMinutes(5));
        }
        Duration connect = s.duration("connect_timeout", Duration.ofSeconds(30));
        Duration command = s.duration("command_timeout", Duration.ofMinutes(5));
        Duration processing = s.duration("processing_timeout", Duration.ofMinutes(2));
        Optional<java.nio.file.Path> trusted = s.optionalString("trusted_certificates").map(ConfigLoader::path);
        Map<String, GatewayConfig.DomainPolicy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, YamlSection> e : s.sectionMap("domains").entrySet()) {
            YamlSection d = e.getValue();
            GatewayConfig.TlsPolicy tls = d.value("tls", GatewayConfig.TlsPolicy.MAY, ConfigLoader::tlsPolicy);
            d.finish();
            policies.put(e.getKey().toLowerCase(Locale.ROOT), new GatewayConfig.DomainPolicy(tls));
        }
        int mxPort = s.integer("mx_port", 25, 1, 65535);
        String minVersion = s.value("tls_min_version", "TLSv1.2", ConfigLoader::tlsVersion);
        boolean mtaSts = s.bool("mta_sts", true);
        int mtaStsPort = s.integer("mta_sts_port", 443, 1, 65535);
        boolean dane = s.bool("dane", true);
        s.finish();
        return new GatewayConfig.Delivery(concurrency, maxQueueDays, retry, connect, command, processing,
                trusted, Map.copyOf(policies), mxPort, minVersion, mtaSts, mtaStsPort, dane);
    }

    /** A TLS level as Postfix names it; the names of the first version still read. */
    private static GatewayConfig.TlsPolicy tlsPolicy(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "opportunistic" -> GatewayConfig.TlsPolicy.MAY;
            case "required" -> GatewayConfig.TlsPolicy.VERIFY;
            case "dane-only" -> GatewayConfig.TlsPolicy.DANE_ONLY;
            case "secure" -> throw new IllegalArgumentException("'" + text + "' is not a level here: use verify "
                    + "(a certificate from a trusted CA naming the MX host) or dane-only");
            default -> enumValue(GatewayConfig.TlsPolicy.class, t, "none, may, encrypt, verify, dane or dane-only");
        };
    }

    private static String tlsVersion(String text) {
        String t = text.trim();
        if (!t.equals("TLSv1.2") && !t.equals("TLSv1.3")) {
            throw new IllegalArgumentException("'" + text + "' is not allowed here: use TLSv1.2 or TLSv1.3");
        }
        return t;
    }

    private GatewayConfig.Storage storage(YamlSection s) {
        java.nio.file.Path dir = s.value("dir", path("./data"), ConfigLoader::path);
        String database = s.string("database", "embedded");
        if (!database.equals("embedded") && !database.startsWith("jdbc:")) {
            s.problem("database", "use 'embedded' or a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/gateway");
        }
        Optional<String> masterKey = s.optionalString("master_key");
        masterKey.ifPresent(k -> {
            byte[] raw;
            try {
                raw = java.util.Base64.getDecoder().decode(k.trim());
            } catch (IllegalArgumentException e) {
                raw = new byte[0];
            }
            if (raw.length != 32) {
                s.problem("master_key", "must be 32 random bytes in base64 (openssl rand -base64 32); "
                        + "leave it out to have one generated under storage.dir/keys");
            }
        });
        s.finish();
        return new GatewayConfig.Storage(dir, database, masterKey);
    }

    private GatewayConfig.Web web(YamlSection s) {
        HostPort listen = s.value("listen", new HostPort("127.0.0.1", 8080), HostPort::parse);
        GatewayConfig.Tls tls = tls(s.section("tls"));
        String scheme = tls.certificate().isPresent() ? "https" : "http";
        String publicUrl = s.string("public_url", scheme + "://" + listen.host() + ":" + listen.port());
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            s.problem("public_url", "must start with http:// or https://");
        }
        java.time.Duration session = s.duration("session_timeout", java.time.Duration.ofMinutes(30));
        int failures = s.integer("max_login_failures", 5, 1, 100);
        java.time.Duration lockout = s.duration("lockout", java.time.Duration.ofMinutes(15));
        s.finish();
        return new GatewayConfig.Web(listen, publicUrl.replaceAll("/+$", ""), session, failures, lockout, tls);
    }

    private GatewayConfig.Portal portal(YamlSection s, GatewayConfig.Domains domains) {
        String domain = firstDomain(domains);
        int expiry = s.integer("expiry_days", 30, 1, 365);
        boolean hideSubject = s.bool("hide_subject", false);
        java.time.Duration codeTtl = s.duration("code_ttl", java.time.Duration.ofMinutes(10));
        int attempts = s.integer("max_code_attempts", 5, 1, 20);
        java.time.Duration session = s.duration("session_timeout", java.time.Duration.ofMinutes(15));
        String from = s.value("from", "secure-mail@" + domain, ConfigLoader::address);
        String organisation = s.string("organisation", domain);
        s.finish();
        return new GatewayConfig.Portal(expiry, hideSubject, codeTtl, attempts, session, from, organisation);
    }

    private GatewayConfig.Quarantine quarantine(YamlSection s, GatewayConfig.Domains domains) {
        int retention = s.integer("retention_days", 30, 1, 3650);
        String domain = firstDomain(domains);
        String notify = s.value("notify_address", "mailgate-quarantine@" + domain, ConfigLoader::address);
        boolean notifySenders = s.bool("notify_senders", true);
        Optional<String> reviewers = Optional.ofNullable(s.value("reviewer_address", null, ConfigLoader::address));
        s.finish();
        return new GatewayConfig.Quarantine(retention, notify, notifySenders, reviewers);
    }

    private GatewayConfig.Leave leave(YamlSection s) {
        GatewayConfig.Leave d = GatewayConfig.Leave.defaults();
        Optional<java.nio.file.Path> file = s.optionalString("file").map(ConfigLoader::path);
        int interval = s.integer("reply_interval_days", d.replyIntervalDays(), 1, 365);
        String prefix = s.string("subject_prefix", d.subjectPrefix());
        Optional<java.nio.file.Path> template = s.optionalString("reply_template").map(ConfigLoader::path);
        List<String> forbidden = s.list("forbidden_alternative_numbers", List.of(), ConfigLoader::phoneNumber);
        Map<String, List<String>> managers = s.listMap("managers", ConfigLoader::lowerCaseAddress);
        Map<String, List<String>> aliases = s.listMap("aliases", ConfigLoader::lowerCaseAddress);
        // An alias names one person: otherwise a reply could go out in the wrong person's name.
        Map<String, String> ownerOfAlias = new LinkedHashMap<>();
        aliases.forEach((staff, list) -> list.forEach(alias -> {
            String other = ownerOfAlias.putIfAbsent(alias, staff);
            if (other != null) {
                s.problem("aliases", "'" + alias + "' is an alias of both " + other + " and " + staff);
            } else if (aliases.containsKey(alias)) {
                s.problem("aliases", "'" + alias + "' is an alias of " + staff + " and has aliases of its own");
            }
        }));
        s.finish();
        return new GatewayConfig.Leave(file, interval, prefix, template, forbidden, managers, aliases);
    }

    /** A phone number as written by people: at least five digits, with the usual separators. */
    private static String phoneNumber(String text) {
        String t = text.trim();
        if (t.replaceAll("\\D", "").length() < 5 || !t.matches("[+\\d ()\\-.]+(\\s*\\(.*\\))?")) {
            throw new IllegalArgumentException("'" + text + "' is not a phone number (like 01632 960000, "
                    + "optionally followed by who it belongs to in brackets)");
        }
        return t;
    }

    private static String lowerCaseAddress(String text) {
        return address(text).toLowerCase(Locale.ROOT);
    }

    private GatewayConfig.Policy policy(YamlSection s) {
        GatewayConfig.Stage stage = s.value("stage", GatewayConfig.Stage.PROTECT,
                t -> enumValue(GatewayConfig.Stage.class, t, "protect or relay"));
        List<String> partners = s.list("trusted_partner_domains", List.of(), ConfigLoader::domain);
        List<String> triggers = s.strings("subject_triggers", List.of("[secure]", "[encrypt]"));
        GatewayConfig.Fallback fallback = s.value("sensitive_without_certificate", GatewayConfig.Fallback.PORTAL,
                t -> enumValue(GatewayConfig.Fallback.class, t, "portal or hold"));
        List<String> quarantineDomains = s.list("quarantine_domains", List.of(), ConfigLoader::domain);
        List<String> quarantineTypes = s.list("quarantine_finding_types", List.of(),
                t -> oneOf(t, FINDING_TYPES));
        s.finish();
        return new GatewayConfig.Policy(stage, partners, triggers, fallback, quarantineDomains, quarantineTypes);
    }

    private GatewayConfig.Smime smime(YamlSection s) {
        Optional<java.nio.file.Path> store = s.optionalString("store").map(ConfigLoader::path);
        boolean requireChain = s.bool("require_trusted_chain", false);
        List<java.nio.file.Path> anchors = s.list("trust_anchors", List.of(), ConfigLoader::path);
        Optional<java.nio.file.Path> identity = s.optionalString("identity").map(ConfigLoader::path);
        String password = s.string("identity_password", "");
        if (identity.isPresent() && password.isEmpty()) {
            s.problem("identity_password", "required with smime.identity: write ${SMIME_PASSWORD} and set it in the environment");
        }
        GatewayConfig.Signing sign = s.value("sign", GatewayConfig.Signing.NONE,
                t -> enumValue(GatewayConfig.Signing.class, t, "none, protected or external"));
        GatewayConfig.Cipher cipher = s.value("cipher", GatewayConfig.Cipher.AES256_CBC,
                t -> enumValue(GatewayConfig.Cipher.class, t, "aes256-cbc or aes256-gcm"));
        GatewayConfig.KeyTransport transport = s.value("rsa_key_transport", GatewayConfig.KeyTransport.PKCS1,
                t -> enumValue(GatewayConfig.KeyTransport.class, t, "pkcs1 or oaep"));
        Optional<java.nio.file.Path> archive = s.optionalString("archive_certificate").map(ConfigLoader::path);
        Optional<String> subject = s.optionalString("subject_replacement");
        s.finish();
        return new GatewayConfig.Smime(store, requireChain, anchors, identity, password, sign, cipher, transport,
                archive, subject);
    }

    private GatewayConfig.Classifier classifier(YamlSection s) {
        long chars = s.number("max_extracted_chars", 2_000_000L, 10_000, Integer.MAX_VALUE);
        int depth = s.integer("max_nesting_depth", 8, 1, 100);
        int entries = s.integer("max_archive_entries", 1000, 1, 1_000_000);
        int ratio = s.integer("max_expansion_ratio", 100, 2, 100_000);
        Duration timeout = s.duration("timeout", Duration.ofSeconds(30));
        int workers = s.integer("workers", 2, 1, 64);
        int bulk = s.integer("bulk_identifier_count", 10, 2, 100_000);
        List<GatewayConfig.LevelRule> rules = new ArrayList<>();
        for (YamlSection r : s.sections("rules")) {
            String type = r.value("type", "", t -> oneOf(t, FINDING_TYPES));
            String confidence = r.value("min_confidence", "LOW", t -> oneOf(t, names(Confidence.values())));
            int count = r.integer("min_count", 1, 1, 1_000_000);
            String level = r.value("level", "", t -> oneOf(t, names(Level.values())));
            if (type.isEmpty() || level.isEmpty()) {
                r.problem(type.isEmpty() ? "type" : "level", "required");
            }
            r.finish();
            rules.add(new GatewayConfig.LevelRule(type, confidence, count, level));
        }
        if (!rules.isEmpty() && rules.stream().noneMatch(r -> r.type().equals("UNSCANNABLE_ATTACHMENT")
                && r.level().equals("HIGH") && r.minCount() == 1)) {
            s.problem("rules", "must keep {type: UNSCANNABLE_ATTACHMENT, level: HIGH}: what cannot be scanned "
                    + "is treated as sensitive (fail closed)");
        }
        s.finish();
        return new GatewayConfig.Classifier(chars, depth, entries, ratio, timeout, workers, bulk, List.copyOf(rules));
    }

    private static final String GUID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    private List<GatewayConfig.Label> labels(List<YamlSection> entries) {
        List<GatewayConfig.Label> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (YamlSection l : entries) {
            Optional<String> guid = Optional.ofNullable(l.value("guid", null, t -> guid(t, "a Purview label GUID")));
            Optional<String> tenant = Optional.ofNullable(l.value("tenant", null, t -> guid(t, "a tenant (site) GUID")));
            Optional<String> marking = l.optionalString("marking").map(String::strip).filter(t -> !t.isEmpty())
                    .map(t -> t.toUpperCase(Locale.ROOT));
            String level = l.value("level", "", t -> oneOf(t, names(Level.values())));
            GatewayConfig.LabelAction action = l.value("action", GatewayConfig.LabelAction.PROTECT,
                    t -> enumValue(GatewayConfig.LabelAction.class, t, "protect, review or none"));
            if (l.has("guid") == l.has("marking")) {
                l.problem(l.has("guid") ? "marking" : "guid", "give either guid (with an optional tenant) or marking");
            } else if (l.has("tenant") && l.has("marking")) {
                l.problem("tenant", "a tenant goes with a guid, not with a marking");
            }
            if (!l.has("level")) {
                l.problem("level", "required: one of " + String.join(", ", names(Level.values())));
            }
            String key = guid.map(g -> g + "/" + tenant.orElse("")).orElseGet(() ->
                    GatewayConfig.Label.normalMarking(marking.orElse("")));
            if (!key.isEmpty() && !seen.add(key)) {
                l.problem(guid.isPresent() ? "guid" : "marking", "listed twice");
            }
            l.finish();
            out.add(new GatewayConfig.Label(guid, tenant, marking, level, action));
        }
        return List.copyOf(out);
    }

    private GatewayConfig.Dkim dkim(YamlSection s) {
        List<GatewayConfig.DkimKey> keys = new ArrayList<>();
        for (YamlSection k : s.sections("keys")) {
            String domain = k.value("domain", "", ConfigLoader::domain);
            String selector = k.value("selector", "", t -> {
                if (!t.trim().matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                    throw new IllegalArgumentException("'" + t + "' is not a DKIM selector (letters, digits, - and .)");
                }
                return t.trim();
            });
            java.nio.file.Path key = k.value("key", null, ConfigLoader::path);
            for (String required : List.of("domain", "selector", "key")) {
                if (!k.has(required)) {
                    k.problem(required, "required");
                }
            }
            k.finish();
            if (!domain.isEmpty() && !selector.isEmpty() && key != null) {
                keys.add(new GatewayConfig.DkimKey(domain, selector, key));
            }
        }
        boolean signRelayed = s.bool("sign_relayed", false);
        s.finish();
        return new GatewayConfig.Dkim(List.copyOf(keys), signRelayed);
    }

    private GatewayConfig.MtaSts mtaSts(YamlSection s) {
        Optional<GatewayConfig.MtaStsMode> mode = Optional.ofNullable(s.value("mode", null,
                t -> enumValue(GatewayConfig.MtaStsMode.class, t, "enforce, testing or none")));
        List<String> mx = s.list("mx", List.of(), ConfigLoader::domain);
        long maxAge = s.number("max_age", 604_800L, 86_400L, 31_557_600L);
        if (mode.isPresent() && mode.get() != GatewayConfig.MtaStsMode.NONE && mx.isEmpty()) {
            s.problem("mx", "required with mode " + mode.get().name().toLowerCase(Locale.ROOT)
                    + ": the names of the MX hosts that receive our mail");
        }
        s.finish();
        return new GatewayConfig.MtaSts(mode, mx, maxAge);
    }

    private GatewayConfig.TlsRpt tlsRpt(YamlSection s, String mainDomain) {
        List<String> rua = s.list("rua", List.of(), t -> {
            String v = t.trim();
            if (!v.matches("mailto:[^@\\s,!;]+@[^@\\s,!;]+") && !v.matches("https://[^\\s,!;]+")) {
                throw new IllegalArgumentException("'" + t + "' is not a mailto: or https: address for reports");
            }
            return v;
        });
        boolean send = s.bool("send", true);
        String from = s.optionalString("from").map(String::trim).orElse("tls-reports@" + mainDomain);
        if (!from.matches("[^@\\s<>\"]+@[^@\\s<>\"]+")) {
            s.problem("from", "'" + from + "' is not an address");
        }
        s.finish();
        return new GatewayConfig.TlsRpt(rua, send, from);
    }

    private static String guid(String text, String what) {
        String t = text.strip();
        if (!t.matches(GUID)) {
            throw new IllegalArgumentException("'" + text + "' is not " + what
                    + " (like 3a1b8c2e-0f4d-4e6a-9b7c-2d5e8f1a6b90)");
        }
        return t.toLowerCase(Locale.ROOT);
    }

    private GatewayConfig.Misdirected misdirected(YamlSection s) {
        GatewayConfig.Misdirected d = GatewayConfig.Misdirected.defaults();
        java.util.function.Function<String, GatewayConfig.MisdirectedAction> action =
                t -> enumValue(GatewayConfig.MisdirectedAction.class, t, "off, warn, confirm or hold");
        GatewayConfig.MisdirectedAction first = s.value("first_sensitive_to_new_address",
                d.firstSensitiveToNewAddress(), action);
        GatewayConfig.MisdirectedAction lookalike = s.value("lookalike", d.lookalike(), action);
        GatewayConfig.MisdirectedAction many = s.value("many_external", d.manyExternal(), action);
        GatewayConfig.MisdirectedAction mixed = s.value("mixed_domains", d.mixedDomains(), action);
        int maxRecipients = s.integer("max_external_recipients", d.maxExternalRecipients(), 1, 100_000);
        int maxDomains = s.integer("max_external_domains", d.maxExternalDomains(), 1, 100_000);
        List<String> webmail = s.list("webmail_domains", d.webmailDomains(), ConfigLoader::domain);
        Duration timeout = s.duration("confirm_timeout", d.confirmTimeout());
        if (timeout.isNegative() || timeout.isZero()) {
            s.problem("confirm_timeout", "must be longer than 0");
        }
        int days = s.integer("history_days", d.historyDays(), 1, 36_500);
        int often = s.integer("often_messages", d.oftenMessages(), 1, 1_000_000);
        boolean all = s.bool("check_all_mail", d.checkAllMail());
        s.finish();
        return new GatewayConfig.Misdirected(first, lookalike, many, mixed, maxRecipients, maxDomains, webmail,
                timeout, days, often, all);
    }

    private static String oneOf(String text, List<String> allowed) {
        String v = text.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String allowed) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not allowed here: use " + allowed);
        }
    }

    /** The organisation's main domain, for default notice addresses. */
    private static String firstDomain(GatewayConfig.Domains domains) {
        return domains.internal().isEmpty() ? "localhost" : domains.internal().get(0).replace("*.", "");
    }

    /** A certificate and key pair (PEM files); both or neither. */
    private static GatewayConfig.Tls tls(YamlSection s) {
        GatewayConfig.Tls tls = new GatewayConfig.Tls(s.optionalString("certificate").map(ConfigLoader::path),
                s.optionalString("key").map(ConfigLoader::path), s.value("min_version", "TLSv1.2",
                        ConfigLoader::tlsVersion));
        if (tls.certificate().isPresent() != tls.key().isPresent()) {
            s.problem(tls.certificate().isPresent() ? "key" : "certificate",
                    "give both certificate and key, or neither");
        }
        s.finish();
        return tls;
    }

    /** An e-mail address with a local part and a domain. */
    static String address(String text) {
        String t = text.trim();
        int at = t.lastIndexOf('@');
        if (at < 1 || at == t.length() - 1 || t.contains(" ") || t.contains("<")) {
            throw new IllegalArgumentException("'" + text + "' is not an e-mail address (like name@example.org)");
        }
        return t.substring(0, at) + "@" + domain(t.substring(at + 1));
    }

    static String domain(String text) {
        String d = text.trim().toLowerCase(Locale.ROOT);
        String bare = d.startsWith("*.") ? d.substring(2) : d;
        if (!bare.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException("'" + text + "' is not a domain name");
        }
        return d;
    }

    static java.nio.file.Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        return java.nio.file.Path.of(text).toAbsolutePath().normalize();
    }

    /**
     * The machine's name: its fully qualified name when the resolver knows one, else the name it
     * calls itself (a name that resolves to 127.0.0.1 must not turn into "localhost").
     */
    private static String localHostName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String canonical = local.getCanonicalHostName();
            if (canonical != null && canonical.contains(".") && !canonical.startsWith("localhost")
                    && !Character.isDigit(canonical.charAt(canonical.length() - 1))) {
                return canonical;
            }
            String name = local.getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
