package org.mailgate.config;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a loaded configuration as YAML with every default filled in, like {@code postconf}:
 * what the gateway will actually do. Secrets are not printed.
 */
public final class EffectiveConfig {

    private EffectiveConfig() {
    }

    public static String toYaml(GatewayConfig config) {
        return toYaml(config, java.util.List.of());
    }

    /**
     * As {@link #toYaml(GatewayConfig)}; when the configuration sets no {@code classifier.rules},
     * {@code builtInRules} (the classifier's own, which then apply) are printed in their place.
     */
    public static String toYaml(GatewayConfig config, java.util.List<GatewayConfig.LevelRule> builtInRules) {
        StringBuilder out = new StringBuilder("# effective configuration from ").append(config.source()).append('\n');
        for (RecordComponent c : GatewayConfig.class.getRecordComponents()) {
            if (!c.getName().equals("source")) {
                write(out, snake(c.getName()), value(config, c), 0);
            }
        }
        String yaml = out.toString();
        if (config.classifier().rules().isEmpty() && !builtInRules.isEmpty()) {
            // Printed as if configured, so that the output loads back to the same configuration.
            StringBuilder rules = new StringBuilder();
            write(rules, "rules", builtInRules, 1);
            int at = yaml.lastIndexOf("\n  rules: []\n");
            yaml = yaml.substring(0, at + 1) + rules + yaml.substring(at + "\n  rules: []\n".length());
        }
        return yaml;
    }

    private static void write(StringBuilder out, String key, Object value, int depth) {
        String indent = "  ".repeat(depth);
        if (value instanceof Optional<?> o) {
            value = o.orElse(null);
        }
        if (isSection(value)) {
            out.append(indent).append(key).append(":\n");
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                write(out, snake(c.getName()), value(value, c), depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            out.append(indent).append(key).append(map.isEmpty() ? ": {}\n" : ":\n");
            map.forEach((k, v) -> write(out, quote(String.valueOf(k)), v, depth + 1));
            return;
        }
        if (value instanceof Collection<?> list && !list.isEmpty() && isSection(list.iterator().next())) {
            out.append(indent).append(key).append(":\n");
            for (Object o : list) {
                String prefix = "- ";
                for (RecordComponent c : o.getClass().getRecordComponents()) {
                    out.append(indent).append("  ").append(prefix).append(snake(c.getName())).append(": ")
                            .append(scalar(value(o, c))).append('\n');
                    prefix = "  ";
                }
            }
            return;
        }
        out.append(indent).append(key).append(": ").append(scalar(value)).append('\n');
    }

    /** Records print as nested keys, except the value types that have a one-line form. */
    private static boolean isSection(Object v) {
        return v instanceof Record && !(v instanceof HostPort) && !(v instanceof Cidr) && !(v instanceof Route);
    }

    private static String scalar(Object v) {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v == null) {
            return "~";
        }
        if (v instanceof Collection<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : list) {
                b.append(b.length() > 1 ? ", " : "").append(scalar(o));
            }
            return b.append(']').toString();
        }
        if (v instanceof Duration d) {
            return duration(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Path || v instanceof Route || v instanceof HostPort || v instanceof Cidr || v instanceof String) {
            return quote(v.toString());
        }
        return v.toString();
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./@-][A-Za-z0-9_./@:-]*") && !s.contains(": ") ? s : "\"" + s.replace("\"", "\\\"") + "\"";
    }

    /** A component's value; secrets (any component named like a password) print as (hidden). */
    private static Object value(Object record, RecordComponent c) {
        try {
            Object v = c.getAccessor().invoke(record);
            String name = c.getName().toLowerCase(Locale.ROOT);
            boolean secret = name.contains("password") || name.endsWith("key") && record instanceof GatewayConfig.Storage;
            if (secret && !(v instanceof Optional<?> o && o.isEmpty())) {
                return v == null || v.toString().isEmpty() ? "" : "(hidden)";
            }
            return v;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
