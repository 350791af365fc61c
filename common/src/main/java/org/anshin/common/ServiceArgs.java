package org.anshin.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Command line shared by the three services. Each option can also come from the environment (the
 * container images use that); the command line wins, then the environment, then the default.
 *
 * <pre>
 *   --config DIR                 ANSHIN_CONFIG_DIR          ./config
 *   --bootstrap-servers H:P      KAFKA_BOOTSTRAP_SERVERS    127.0.0.1:9092
 *   --schema-registry-url URL    SCHEMA_REGISTRY_URL        http://127.0.0.1:8081/apis/ccompat/v7
 *   --port N                     ANSHIN_PORT                (service default)
 *   --state-dir DIR              ANSHIN_STATE_DIR           ./var/&lt;service&gt;
 *   --kafka-config FILE          ANSHIN_KAFKA_CONFIG        (none) extra client properties: TLS, SASL, ...
 *   --advertised-host HOST       ANSHIN_ADVERTISED_HOST     127.0.0.1 (how other instances reach this one)
 * </pre>
 */
public final class ServiceArgs {
    private static final Map<String, String> ENV_NAMES = Map.of(
            "config", "ANSHIN_CONFIG_DIR",
            "bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
            "schema-registry-url", "SCHEMA_REGISTRY_URL",
            "port", "ANSHIN_PORT",
            "state-dir", "ANSHIN_STATE_DIR",
            "kafka-config", "ANSHIN_KAFKA_CONFIG",
            "advertised-host", "ANSHIN_ADVERTISED_HOST");

    private final Map<String, String> values;

    private ServiceArgs(Map<String, String> values) {
        this.values = values;
    }

    public static ServiceArgs parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        ENV_NAMES.forEach((option, name) -> {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                values.put(option, v);
            }
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String option = arg.substring(2);
            String value;
            int eq = option.indexOf('=');
            if (eq >= 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + option + " needs a value");
            }
            values.put(option, value);
        }
        return new ServiceArgs(values);
    }

    public static ServiceArgs parse(String[] args) {
        return parse(args, System.getenv());
    }

    public Path configDir() {
        return Path.of(get("config", "config"));
    }

    public String bootstrapServers() {
        return get("bootstrap-servers", "127.0.0.1:9092");
    }

    public String schemaRegistryUrl() {
        return get("schema-registry-url", "http://127.0.0.1:8081/apis/ccompat/v7");
    }

    public int port(int defaultPort) {
        String v = values.get("port");
        if (v == null) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got '" + v + "'");
        }
    }

    public Path stateDir(String service) {
        return Path.of(get("state-dir", "var/" + service));
    }

    public String advertisedHost() {
        return get("advertised-host", "127.0.0.1");
    }

    /** Any option, for service-specific ones. */
    public String get(String option, String defaultValue) {
        return values.getOrDefault(option, defaultValue);
    }

    /**
     * Client properties every Kafka client of the service gets: bootstrap servers plus whatever the
     * {@code --kafka-config} file sets (security.protocol, ssl.*, sasl.*), passed through untouched.
     */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>();
        String file = values.get("kafka-config");
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file))) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kafka-config " + file + ": " + e.getMessage(), e);
            }
            p.forEach((k, v) -> props.put(k.toString(), v));
        }
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }
}
