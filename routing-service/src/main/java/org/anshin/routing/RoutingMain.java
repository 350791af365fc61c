package org.anshin.routing;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ConfigException;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.routing.http.InternalAuth;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.routing.RoutingMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8082 --state-dir DIR --advertised-host HOST [--bind-address 127.0.0.1] [--application-id anshin-routing]
 * [--auto-register-schemas true|false] [--kafka-config FILE] [--closing-period P30D] [--instance-id ID]
 * [--escalation-check-interval PT10S] (all options: {@code --help}, {@link RoutingCommand})
 * (--internal-token T | --internal-token-file F) (--pseudonym-key K | --pseudonym-key-file F)}. Refuses to
 * start on a bad config file or argument, or without the two secrets: prints why (file and entry, or
 * option; never a secret) and exits with {@link #CONFIG_ERROR_EXIT}.
 */
public final class RoutingMain {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingMain.class);
    public static final int DEFAULT_PORT = 8082;
    /** Exit status for a bad config file or argument (the launcher and systemd tell it from a crash). */
    public static final int CONFIG_ERROR_EXIT = 2;
    /** Exit status when Kafka Streams reached ERROR (a supervisor restarts the process; unlike 2, not the config). */
    public static final int STREAMS_FAILED_EXIT = 1;

    /** Arguments and config files, parsed and cross-validated, before anything connects anywhere. */
    /** @param streamsTiming commit.interval.ms and poll.ms from --commit-interval; they win over --kafka-config */
    record Startup(ServiceArgs args, RoutingConfig config, boolean autoRegister, String internalToken,
                   String applicationId, java.util.Map<String, Object> streamsTiming) {
        @Override
        public String toString() {
            return "Startup[" + config.levels().version() + "]"; // never the token
        }
    }

    private RoutingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (org.anshin.common.cli.Cli.printedHelp(new RoutingCommand(), args, System.getenv(), System.out)) {
            System.exit(0);
            return;
        }
        Optional<Startup> startup = prepare(args, System.err);
        if (startup.isEmpty()) {
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        ServiceArgs a = startup.get().args();
        var settings = new RoutingApp.Settings(startup.get().applicationId(),
                a.bootstrapServers(), new RestSchemaRegistryClient(a.schemaRegistryUrl()), startup.get().autoRegister(),
                a.stateDir("routing"), a.advertisedHost(), a.bindAddress(), a.port(DEFAULT_PORT),
                startup.get().internalToken(), kafka(a, startup.get()), a.instanceId());
        RoutingApp app = new RoutingApp(startup.get().config(), settings);
        LOG.info("routing-service on http://{}:{} (application.id {}, {}, Kafka {})", settings.advertisedHost(),
                app.port(), settings.applicationId(), settings.instanceId().map(id -> "static member " + id)
                        .orElse("dynamic member"), settings.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "routing-shutdown"));
        // a Streams client that failed for good must not linger as an unready zombie: exit non-zero, and the
        // supervisor (./anshin up, systemd, compose, Kubernetes) starts a fresh process
        app.awaitFailure();
        LOG.error("Kafka Streams failed for good (state ERROR); exiting with status {}", STREAMS_FAILED_EXIT);
        System.exit(STREAMS_FAILED_EXIT);
    }

    private static java.util.Map<String, Object> kafka(ServiceArgs a, Startup startup) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(a.kafkaClientProperties());
        p.putAll(startup.streamsTiming());
        return p;
    }

    /**
     * Parses the arguments and loads and validates the config files.
     *
     * @return the startup, or empty after printing to {@code err} why it must not start
     */
    static Optional<Startup> prepare(String[] args, PrintStream err) {
        return prepare(args, System.getenv(), err);
    }

    static Optional<Startup> prepare(String[] args, java.util.Map<String, String> env, PrintStream err) {
        try {
            RoutingCommand command = RoutingCommand.parse(args, env);
            ServiceArgs a = command.shared();
            a.port(DEFAULT_PORT); // checks its range now
            a.instanceId(); // checks its form now
            AnshinConfig files = AnshinConfig.load(a.configDir());
            String key = a.pseudonymKey().orElseThrow(() -> new IllegalArgumentException(
                    "no pseudonym key: set --pseudonym-key, ANSHIN_PSEUDONYM_KEY or ANSHIN_PSEUDONYM_KEY_FILE "
                            + "(at least " + Pseudonyms.MIN_KEY_BYTES + " bytes, the same on every instance and restart)"));
            String token = a.internalToken().orElseThrow(() -> new IllegalArgumentException(
                    "no internal token: set --internal-token, ANSHIN_INTERNAL_TOKEN or ANSHIN_INTERNAL_TOKEN_FILE "
                            + "(shared with ingest-service and the other routing instances)"));
            new InternalAuth(token); // checks its length now rather than after connecting
            RoutingConfig config = RoutingConfig.from(files).withPseudonyms(Pseudonyms.fromKey(key))
                    .withClosingPeriod(command.closingPeriod).withEscalationCheckInterval(command.escalationCheckInterval);
            var timing = RoutingStreamsConfig.commitTiming(command.commitInterval); // checks its range now
            return Optional.of(new Startup(a, config, command.autoRegisterSchemas, token, command.applicationId,
                    timing));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("routing-service: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
