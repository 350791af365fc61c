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
 * [--escalation-check-interval PT10S]
 * (--internal-token T | --internal-token-file F) (--pseudonym-key K | --pseudonym-key-file F)}. Refuses to
 * start on a bad config file or argument, or without the two secrets: prints why (file and entry, or
 * option; never a secret) and exits with {@link #CONFIG_ERROR_EXIT}.
 */
public final class RoutingMain {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingMain.class);
    public static final int DEFAULT_PORT = 8082;
    public static final String APPLICATION_ID_OPTION = "application-id";
    public static final String AUTO_REGISTER_OPTION = "auto-register-schemas";
    /** How often due escalation tiers are paged (ISO-8601, PT0.1S to PT30S, default PT10S). */
    public static final String ESCALATION_CHECK_OPTION = "escalation-check-interval";
    /** Exit status for a bad config file or argument (the launcher and systemd tell it from a crash). */
    public static final int CONFIG_ERROR_EXIT = 2;
    /** Exit status when Kafka Streams reached ERROR (a supervisor restarts the process; unlike 2, not the config). */
    public static final int STREAMS_FAILED_EXIT = 1;

    /** Arguments and config files, parsed and cross-validated, before anything connects anywhere. */
    record Startup(ServiceArgs args, RoutingConfig config, boolean autoRegister, String internalToken) {
        @Override
        public String toString() {
            return "Startup[" + config.levels().version() + "]"; // never the token
        }
    }

    private RoutingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Optional<Startup> startup = prepare(args, System.err);
        if (startup.isEmpty()) {
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        ServiceArgs a = startup.get().args();
        var settings = new RoutingApp.Settings(a.get(APPLICATION_ID_OPTION, RoutingStreamsConfig.DEFAULT_APPLICATION_ID),
                a.bootstrapServers(), new RestSchemaRegistryClient(a.schemaRegistryUrl()), startup.get().autoRegister(),
                a.stateDir("routing"), a.advertisedHost(), a.bindAddress(), a.port(DEFAULT_PORT),
                startup.get().internalToken(), a.kafkaClientProperties(), a.instanceId());
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

    /**
     * Parses the arguments and loads and validates the config files.
     *
     * @return the startup, or empty after printing to {@code err} why it must not start
     */
    private static Duration parseDuration(String option, String text, String example) {
        try {
            return Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--" + option + " must be an ISO-8601 duration such as " + example
                    + ", got '" + text + "'");
        }
    }

    static Optional<Startup> prepare(String[] args, PrintStream err) {
        try {
            ServiceArgs a = ServiceArgs.parse(args);
            AnshinConfig files = AnshinConfig.load(a.configDir());
            String key = a.secret("pseudonym-key").orElseThrow(() -> new IllegalArgumentException(
                    "no pseudonym key: set --pseudonym-key, ANSHIN_PSEUDONYM_KEY or ANSHIN_PSEUDONYM_KEY_FILE "
                            + "(at least " + Pseudonyms.MIN_KEY_BYTES + " bytes, the same on every instance and restart)"));
            String token = a.secret("internal-token").orElseThrow(() -> new IllegalArgumentException(
                    "no internal token: set --internal-token, ANSHIN_INTERNAL_TOKEN or ANSHIN_INTERNAL_TOKEN_FILE "
                            + "(shared with ingest-service and the other routing instances)"));
            new InternalAuth(token); // checks its length now rather than after connecting
            Duration closing = parseDuration("closing-period", a.get("closing-period",
                    RoutingConfig.DEFAULT_CLOSING_PERIOD.toString()), "P30D");
            Duration escalationCheck = parseDuration(ESCALATION_CHECK_OPTION, a.get(ESCALATION_CHECK_OPTION,
                    RoutingConfig.DEFAULT_ESCALATION_CHECK_INTERVAL.toString()), "PT10S");
            RoutingConfig config = RoutingConfig.from(files).withPseudonyms(Pseudonyms.fromKey(key))
                    .withClosingPeriod(closing).withEscalationCheckInterval(escalationCheck);
            String autoRegister = a.get(AUTO_REGISTER_OPTION, "true");
            if (!autoRegister.equals("true") && !autoRegister.equals("false")) {
                throw new IllegalArgumentException("--" + AUTO_REGISTER_OPTION + " must be true or false, got '"
                        + autoRegister + "'");
            }
            a.instanceId(); // checks its form now
            return Optional.of(new Startup(a, config, Boolean.parseBoolean(autoRegister), token));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("routing-service: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
