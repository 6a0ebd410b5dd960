package org.mailgate.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used. Each problem names the file, line and key, in the
 * form {@code file:line: key: what is wrong}, so an operator can go straight to it.
 */
public final class ConfigException extends RuntimeException {

    /** One thing wrong with the configuration. {@code line} is 0 when not known. */
    public record Problem(String file, int line, String key, String message) {
        @Override
        public String toString() {
            String where = line > 0 ? file + ":" + line : file;
            return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
