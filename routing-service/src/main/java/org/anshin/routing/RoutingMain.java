package org.anshin.routing;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ConfigException;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.routing.RoutingMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8082 --state-dir DIR --advertised-host HOST [--application-id anshin-routing]
 * [--auto-register-schemas true|false] [--kafka-config FILE]}. Refuses to start on a bad config file
 * or argument: prints why (file and entry) and exits with {@link #CONFIG_ERROR_EXIT}.
 */
public final class RoutingMain {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingMain.class);
    public static final int DEFAULT_PORT = 8082;
    public static final String APPLICATION_ID_OPTION = "application-id";
    public static final String AUTO_REGISTER_OPTION = "auto-register-schemas";
    /** Exit status for a bad config file or argument (the launcher and systemd tell it from a crash). */
    public static final int CONFIG_ERROR_EXIT = 2;

    /** Arguments and config files, parsed and cross-validated, before anything connects anywhere. */
    record Startup(ServiceArgs args, RoutingConfig config, boolean autoRegister) {
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
                a.stateDir("routing"), a.advertisedHost(), a.port(DEFAULT_PORT), a.kafkaClientProperties());
        RoutingApp app = new RoutingApp(startup.get().config(), settings);
        LOG.info("routing-service on http://{}:{} (application.id {}, Kafka {})", settings.advertisedHost(),
                app.port(), settings.applicationId(), settings.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "routing-shutdown"));
        stopped.await();
    }

    /**
     * Parses the arguments and loads and validates the config files.
     *
     * @return the startup, or empty after printing to {@code err} why it must not start
     */
    static Optional<Startup> prepare(String[] args, PrintStream err) {
        try {
            ServiceArgs a = ServiceArgs.parse(args);
            RoutingConfig config = RoutingConfig.from(AnshinConfig.load(a.configDir()));
            String autoRegister = a.get(AUTO_REGISTER_OPTION, "true");
            if (!autoRegister.equals("true") && !autoRegister.equals("false")) {
                throw new IllegalArgumentException("--" + AUTO_REGISTER_OPTION + " must be true or false, got '"
                        + autoRegister + "'");
            }
            return Optional.of(new Startup(a, config, Boolean.parseBoolean(autoRegister)));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("routing-service: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
