package org.anshin.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./anshin up}: its options; {@link #options} resolves them into {@link LaunchOptions}. */
@Command(name = "up", sortOptions = false, showDefaultValues = true,
        header = "Start Kafka, the schema registry and the services on this machine; Ctrl-C stops them.",
        description = {"Build what is missing, start Kafka (127.0.0.1:9092), the schema registry (127.0.0.1:8081),"
                + " the local inbox and the services (ingest 8080, routing 8082, notifier 8083, console 8084), and keep"
                + " them running, restarting whatever crashes. Ctrl-C stops everything, in reverse order.", ""},
        footer = {"", "Relative paths given here are resolved against the working directory; the defaults against the"
                + " repository."})
final class UpCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--fresh", description = "Wipe the data folder (Kafka data, service state, logs) first.")
    boolean fresh;

    @Option(names = "--config", paramLabel = "DIR", description = {"The configuration folder.", "  Default: ./config"})
    String config;

    @ArgGroup(exclusive = false, validate = false, heading = "%nFor tests and special setups:%n")
    Special special = new Special();

    /** The options for tests and special setups, apart in the help. */
    static final class Special {
        @Option(names = "--var", paramLabel = "DIR", description = {"The data folder.", "  Default: ./var"})
        String var;

        @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "9092", description = "Kafka's client port.")
        int kafkaPort = 9092;

        @Option(names = "--controller-port", paramLabel = "N", defaultValue = "9093",
                description = "Kafka's controller port.")
        int controllerPort = 9093;

        @Option(names = "--registry-port", paramLabel = "N", defaultValue = "8081",
                description = "The schema registry's port.")
        int registryPort = 8081;

        @Option(names = "--apicurio-dir", paramLabel = "DIR",
                description = {"Where the registry is unpacked.", "  Default: test-support/target/apicurio (or the"
                        + " system property anshin.apicurio.dir)"})
        String apicurioDir;

        @Option(names = "--no-services", description = "Kafka and the registry only.")
        boolean noServices;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
                description = "How long each process may take to become ready.")
        long timeoutSeconds = 120;

        @Option(names = "--service-jvm-options", paramLabel = "OPTS",
                defaultValue = "${env:ANSHIN_SERVICE_JVM_OPTIONS:-}",
                description = "JVM options appended to the services' own (space-separated, each starting with '-';"
                        + " a later flag wins), e.g. -XX:TieredStopAtLevel=1 (measured in BENCHMARKS.md).")
        String serviceJvmOptions = "";
    }

    /**
     * The options resolved: relative paths given on the command line against {@code cwd}, defaults against
     * {@code home}.
     *
     * @throws UsageException a port out of range
     */
    LaunchOptions options(Path home, Path cwd) {
        Path apicurio = home.resolve("test-support/target/apicurio");
        String apicurioProp = System.getProperty("anshin.apicurio.dir");
        if (apicurioProp != null && !apicurioProp.isBlank()) {
            apicurio = Path.of(apicurioProp);
        }
        if (special.apicurioDir != null) {
            apicurio = cwd.resolve(special.apicurioDir);
        }
        Path configDir = config != null ? cwd.resolve(config) : home.resolve("config");
        Path varDir = special.var != null ? cwd.resolve(special.var) : home.resolve("var");
        return new LaunchOptions("up", fresh, configDir.normalize(), varDir.normalize(), home,
                port("--kafka-port", special.kafkaPort), port("--controller-port", special.controllerPort),
                port("--registry-port", special.registryPort), apicurio.normalize(), !special.noServices,
                Duration.ofSeconds(special.timeoutSeconds), jvmOptions(special.serviceJvmOptions));
    }

    /** @throws UsageException a token that is not a JVM option (a value glued to nothing, a stray word) */
    static List<String> jvmOptions(String spaceSeparated) {
        String trimmed = spaceSeparated == null ? "" : spaceSeparated.trim();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> tokens = List.of(trimmed.split("\\s+"));
        for (String t : tokens) {
            if (!t.startsWith("-")) {
                throw new UsageException("Invalid value for option '--service-jvm-options': '" + t
                        + "' is not a JVM option (each option starts with '-'; a value goes with its option, as in"
                        + " -Xmx512m or -XX:TieredStopAtLevel=1)");
            }
        }
        return tokens;
    }

    private static int port(String option, int p) {
        if (p < 1 || p > 65535) {
            throw new UsageException("Invalid value for option '" + option + "': must be a TCP port (1-65535), got " + p);
        }
        return p;
    }
}
