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
 *   --bind-address ADDR          ANSHIN_BIND_ADDRESS        127.0.0.1 (interface the HTTP port listens on)
 *   --instance-id ID             ANSHIN_INSTANCE_ID         (none) stable name of this instance in its consumer
 *                                                           group (static membership: a restart rejoins at once)
 *   --routing-url URL            ANSHIN_ROUTING_URL         (ingest) where routing-service answers queries
 *   --internal-token T           ANSHIN_INTERNAL_TOKEN      shared secret of the internal query API;
 *   --internal-token-file F      ANSHIN_INTERNAL_TOKEN_FILE   or a file holding it (Docker/Kubernetes secrets)
 *   --pseudonym-key K            ANSHIN_PSEUDONYM_KEY       (routing) HMAC key of cascade-warning pseudonyms;
 *   --pseudonym-key-file F       ANSHIN_PSEUDONYM_KEY_FILE    or a file holding it
 *   --profile local|production   ANSHIN_PROFILE             production (./anshin up passes local)
 *   --allow-demo-tokens B        ANSHIN_ALLOW_DEMO_TOKENS   false (accept the public demo tokens outside local)
 * </pre>
 */
public final class ServiceArgs {
    private static final Map<String, String> ENV_NAMES = Map.ofEntries(
            Map.entry("config", "ANSHIN_CONFIG_DIR"),
            Map.entry("bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("schema-registry-url", "SCHEMA_REGISTRY_URL"),
            Map.entry("port", "ANSHIN_PORT"),
            Map.entry("state-dir", "ANSHIN_STATE_DIR"),
            Map.entry("kafka-config", "ANSHIN_KAFKA_CONFIG"),
            Map.entry("advertised-host", "ANSHIN_ADVERTISED_HOST"),
            Map.entry("bind-address", "ANSHIN_BIND_ADDRESS"),
            Map.entry("instance-id", "ANSHIN_INSTANCE_ID"),
            Map.entry("routing-url", "ANSHIN_ROUTING_URL"),
            Map.entry("internal-token", "ANSHIN_INTERNAL_TOKEN"),
            Map.entry("internal-token-file", "ANSHIN_INTERNAL_TOKEN_FILE"),
            Map.entry("pseudonym-key", "ANSHIN_PSEUDONYM_KEY"),
            Map.entry("pseudonym-key-file", "ANSHIN_PSEUDONYM_KEY_FILE"),
            Map.entry("profile", "ANSHIN_PROFILE"),
            Map.entry("allow-demo-tokens", "ANSHIN_ALLOW_DEMO_TOKENS"));

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

    /**
     * The stable id of this instance in its consumer group ({@code group.instance.id}, static membership),
     * if one is set: a restarted instance with the same id takes its partitions back at once instead of
     * waiting for the group to time out the dead member.
     */
    public java.util.Optional<String> instanceId() {
        String id = values.get("instance-id");
        if (id == null || id.isBlank()) {
            return java.util.Optional.empty();
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("--instance-id must be letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        return java.util.Optional.of(id);
    }

    public String bindAddress() {
        return get("bind-address", "127.0.0.1");
    }

    /** Whether this is a local (developer) run: {@code --profile local}; anything else is production. */
    public boolean localProfile() {
        String profile = get("profile", "production");
        if (!profile.equals("local") && !profile.equals("production")) {
            throw new IllegalArgumentException("--profile must be local or production, got '" + profile + "'");
        }
        return profile.equals("local");
    }

    /**
     * A secret option: {@code --name VALUE} (or its environment variable), else the content of the file
     * named by {@code --name-file} (surrounding whitespace and line breaks dropped); empty when neither is set. Error
     * messages name the option and the file, never the value.
     */
    public java.util.Optional<String> secret(String option) {
        String direct = values.get(option);
        if (direct != null && !direct.isEmpty()) {
            return java.util.Optional.of(direct);
        }
        String file = values.get(option + "-file");
        if (file == null || file.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            String v = Files.readString(Path.of(file)).strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("--" + option + "-file " + file + " is empty");
            }
            return java.util.Optional.of(v);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --" + option + "-file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
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
