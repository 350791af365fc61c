package org.anshin.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command-line options every service shares, a picocli mixin ({@code @Mixin ServiceArgs shared = new
 * ServiceArgs(DEFAULT_PORT)}). Each can also come from the environment (the container images and
 * docker/compose use that; the names below are theirs and must not change): the command line wins, then the
 * environment, then the default. Secrets have a {@code *-file} variant (Docker/Kubernetes secrets) and are never
 * shown: no default in {@code --help}, never in a message.
 */
public final class ServiceArgs {
    /** ingest and console: start outside the local profile although a config accepts a public demo token. */
    public static final String ALLOW_DEMO_TOKENS = "--allow-demo-tokens";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "${env:ANSHIN_CONFIG_DIR:-config}",
            description = "The folder of the configuration files (docs/CONFIGURATION.md).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "H:P,...",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", description = "Kafka.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
            description = "Any Confluent-API schema registry.")
    String schemaRegistryUrl;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:ANSHIN_PORT}",
            description = "The HTTP port (API, health, metrics); 0 picks a free one. Each service has its own"
                    + " default: ingest 8080, routing 8082, notifier 8083, console 8084.")
    Integer port;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:ANSHIN_STATE_DIR:-_NULL_}",
            showDefaultValue = Visibility.NEVER,
            description = {"routing: the Kafka Streams state.", "  Default: ./var/routing"})
    Path stateDir;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:ANSHIN_KAFKA_CONFIG:-_NULL_}",
            showDefaultValue = Visibility.NEVER,
            description = "A properties file passed untouched to every Kafka client (TLS, SASL, tuning).")
    Path kafkaConfig;

    @Option(names = "--advertised-host", paramLabel = "HOST", defaultValue = "${env:ANSHIN_ADVERTISED_HOST:-127.0.0.1}",
            description = "routing: how other instances reach this one (application.server).")
    String advertisedHost;

    @Option(names = "--bind-address", paramLabel = "ADDR", defaultValue = "${env:ANSHIN_BIND_ADDRESS:-127.0.0.1}",
            description = "The interface the HTTP port listens on.")
    String bindAddress;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:ANSHIN_INSTANCE_ID:-_NULL_}",
            showDefaultValue = Visibility.NEVER,
            description = {"routing, notifier: static group membership (a restart rejoins at once); each live"
                    + " instance its own id.", "  Default: none (dynamic membership)"})
    String instanceId;

    @Option(names = "--routing-url", paramLabel = "URL", defaultValue = "${env:ANSHIN_ROUTING_URL:-http://127.0.0.1:8082}",
            description = "ingest: where routing answers incident queries.")
    String routingUrl;

    @Option(names = "--internal-token", paramLabel = "T", defaultValue = "${env:ANSHIN_INTERNAL_TOKEN:-_NULL_}",
            showDefaultValue = Visibility.NEVER,
            description = "The shared secret of routing's internal query API, at least 16 characters."
                    + " Required by ingest and routing.")
    String internalToken;

    @Option(names = "--internal-token-file", paramLabel = "FILE",
            defaultValue = "${env:ANSHIN_INTERNAL_TOKEN_FILE:-_NULL_}", showDefaultValue = Visibility.NEVER,
            description = "A file holding the internal token (Docker/Kubernetes secrets), if --internal-token is"
                    + " not set.")
    Path internalTokenFile;

    @Option(names = "--pseudonym-key", paramLabel = "K", defaultValue = "${env:ANSHIN_PSEUDONYM_KEY:-_NULL_}",
            showDefaultValue = Visibility.NEVER,
            description = "routing (required): HMAC key of cascade-warning pseudonyms, at least 16 bytes, the same"
                    + " on every instance.")
    String pseudonymKey;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            defaultValue = "${env:ANSHIN_PSEUDONYM_KEY_FILE:-_NULL_}", showDefaultValue = Visibility.NEVER,
            description = "A file holding the pseudonym key, if --pseudonym-key is not set.")
    Path pseudonymKeyFile;

    @Option(names = "--profile", paramLabel = "local|production", defaultValue = "${env:ANSHIN_PROFILE:-production}",
            description = "local accepts the public demo tokens; ./anshin up passes it.")
    Profile profile;

    @Option(names = ALLOW_DEMO_TOKENS, paramLabel = "true|false", arity = "1",
            defaultValue = "${env:ANSHIN_ALLOW_DEMO_TOKENS:-false}",
            description = "ingest, console: start outside the local profile although a config accepts a public demo"
                    + " token.")
    boolean allowDemoTokens;

    /** The two profiles; anything else is refused naming --profile. */
    public enum Profile { local, production }

    /** For picocli (and the reference): no service port default. */
    public ServiceArgs() {
    }

    /** @param defaultPort the service's port when neither --port nor ANSHIN_PORT is set */
    public ServiceArgs(int defaultPort) {
        this.port = defaultPort;
    }

    /** A command line of the shared options alone (tests, and the reference of docs/CONFIGURATION.md). */
    @Command(name = "service", sortOptions = true, showDefaultValues = true)
    public static final class Shared {
        @Mixin
        public ServiceArgs args = new ServiceArgs();
    }

    /** Parses a command line of the shared options alone; {@code env} stands for the environment. */
    public static ServiceArgs parse(String[] args, Map<String, String> env) {
        return Cli.parse(new Shared(), args, env).args;
    }

    public Path configDir() {
        return config;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** The port: the command line, ANSHIN_PORT, the default the service constructed this with, else {@code defaultPort}. */
    public int port(int defaultPort) {
        int p = port == null ? defaultPort : port;
        if (p < 0 || p > 65535) {
            throw Cli.invalid("--port", "must be 0..65535, got " + p);
        }
        return p;
    }

    public Path stateDir(String service) {
        return stateDir != null ? stateDir : Path.of("var", service);
    }

    public String advertisedHost() {
        return advertisedHost;
    }

    public String routingUrl() {
        return routingUrl;
    }

    /**
     * The stable id of this instance in its consumer group ({@code group.instance.id}, static membership),
     * if one is set: a restarted instance with the same id takes its partitions back at once instead of
     * waiting for the group to time out the dead member.
     */
    public Optional<String> instanceId() {
        if (instanceId == null || instanceId.isBlank()) {
            return Optional.empty();
        }
        if (!instanceId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw Cli.invalid("--instance-id", "must be letters, digits, '.', '_' or '-', got '" + instanceId + "'");
        }
        return Optional.of(instanceId);
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** Whether this is a local (developer) run: {@code --profile local}; otherwise production. */
    public boolean localProfile() {
        return profile == Profile.local;
    }

    public boolean allowDemoTokens() {
        return allowDemoTokens;
    }

    /** {@code --internal-token}, else the content of {@code --internal-token-file}; empty when neither is set. */
    public Optional<String> internalToken() {
        return secret("--internal-token", internalToken, internalTokenFile);
    }

    /** {@code --pseudonym-key}, else the content of {@code --pseudonym-key-file}; empty when neither is set. */
    public Optional<String> pseudonymKey() {
        return secret("--pseudonym-key", pseudonymKey, pseudonymKeyFile);
    }

    /**
     * A secret: its value, else the content of its file (surrounding whitespace and line breaks dropped). Error
     * messages name the option and the file, never the value.
     */
    private static Optional<String> secret(String option, String direct, Path file) {
        if (direct != null && !direct.isEmpty()) {
            return Optional.of(direct);
        }
        if (file == null || file.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            String v = Files.readString(file).strip();
            if (v.isEmpty()) {
                throw Cli.invalid(option + "-file", file + " is empty");
            }
            return Optional.of(v);
        } catch (IOException e) {
            throw Cli.invalid(option + "-file", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Client properties every Kafka client of the service gets: bootstrap servers plus whatever the
     * {@code --kafka-config} file sets (security.protocol, ssl.*, sasl.*), passed through untouched.
     */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>();
        if (kafkaConfig != null) {
            java.util.Properties p = new java.util.Properties();
            try (Reader r = Files.newBufferedReader(kafkaConfig)) {
                p.load(r);
            } catch (IOException e) {
                throw Cli.invalid("--kafka-config", "cannot read " + kafkaConfig + ": " + e.getMessage());
            }
            p.forEach((k, v) -> props.put(k.toString(), v));
        }
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        return "ServiceArgs[config " + config + ", kafka " + bootstrapServers + "]"; // never a secret
    }
}
