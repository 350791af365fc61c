package org.anshin.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line of {@code ./anshin}.
 *
 * <pre>
 * ./anshin up [--fresh] [--config DIR]
 * </pre>
 * Options for tests and special setups: {@code --var DIR} (default ./var), {@code --kafka-port N} (9092),
 * {@code --controller-port N} (9093), {@code --registry-port N} (8081), {@code --apicurio-dir DIR},
 * {@code --no-services}, {@code --timeout SECONDS} (readiness of each process, default 120).
 *
 * @param home the repository root (where the modules are built)
 */
public record LaunchOptions(String command, boolean fresh, Path configDir, Path varDir, Path home, int kafkaPort,
                            int controllerPort, int registryPort, Path apicurioDir, boolean services,
                            Duration readyTimeout) {

    public static final String USAGE = """
            usage: ./anshin up [--fresh] [--config DIR]
              up          build what is missing, start Kafka (127.0.0.1:9092), the schema registry (127.0.0.1:8081)
                          and the services; Ctrl-C stops everything
              --fresh     wipe ./var (Kafka data, service state, logs) first
              --config    configuration folder (default ./config)""";

    public Path kafkaDataDir() {
        return varDir.resolve("kafka");
    }

    public Path logDir() {
        return varDir.resolve("logs");
    }

    /**
     * Parses {@code args}; relative paths given on the command line are resolved against {@code cwd}, defaults
     * against {@code home}.
     */
    public static LaunchOptions parse(List<String> args, Path home, Path cwd) {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        if (command.equals("-h") || command.equals("--help") || command.equals("help")) {
            return new LaunchOptions("help", false, null, null, home, 0, 0, 0, null, false, Duration.ZERO);
        }
        if (!command.equals("up")) {
            throw new UsageException("unknown command '" + command + "'");
        }
        boolean fresh = false;
        boolean services = true;
        Path config = home.resolve("config");
        Path var = home.resolve("var");
        Path apicurio = home.resolve("test-support/target/apicurio");
        String apicurioProp = System.getProperty("anshin.apicurio.dir");
        if (apicurioProp != null && !apicurioProp.isBlank()) {
            apicurio = Path.of(apicurioProp);
        }
        int kafkaPort = 9092;
        int controllerPort = 9093;
        int registryPort = 8081;
        Duration timeout = Duration.ofSeconds(120);
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--fresh" -> fresh = true;
                case "--no-services" -> services = false;
                case "--config" -> config = cwd.resolve(value != null ? value : next(args, ++i, a));
                case "--var" -> var = cwd.resolve(value != null ? value : next(args, ++i, a));
                case "--apicurio-dir" -> apicurio = cwd.resolve(value != null ? value : next(args, ++i, a));
                case "--kafka-port" -> kafkaPort = port(value != null ? value : next(args, ++i, a), a);
                case "--controller-port" -> controllerPort = port(value != null ? value : next(args, ++i, a), a);
                case "--registry-port" -> registryPort = port(value != null ? value : next(args, ++i, a), a);
                case "--timeout" -> timeout = Duration.ofSeconds(number(value != null ? value : next(args, ++i, a), a));
                default -> throw new UsageException("unknown option '" + args.get(i) + "'");
            }
        }
        return new LaunchOptions(command, fresh, config.normalize(), var.normalize(), home, kafkaPort, controllerPort,
                registryPort, apicurio.normalize(), services, timeout);
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String v, String option) {
        int p = number(v, option);
        if (p < 1 || p > 65535) {
            throw new UsageException(option + " must be a TCP port (1-65535), got " + v);
        }
        return p;
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + v + "'");
        }
    }
}
