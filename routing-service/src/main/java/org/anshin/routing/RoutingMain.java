package org.anshin.routing;

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
 * [--auto-register-schemas true|false] [--kafka-config FILE]}. Refuses to start on a bad config file.
 */
public final class RoutingMain {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingMain.class);
    public static final int DEFAULT_PORT = 8082;
    public static final String APPLICATION_ID_OPTION = "application-id";
    public static final String AUTO_REGISTER_OPTION = "auto-register-schemas";

    private RoutingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceArgs a;
        RoutingConfig config;
        try {
            a = ServiceArgs.parse(args);
            config = RoutingConfig.from(AnshinConfig.load(a.configDir()));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("routing-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        String autoRegister = a.get(AUTO_REGISTER_OPTION, "true");
        if (!autoRegister.equals("true") && !autoRegister.equals("false")) {
            System.err.println("routing-service: --" + AUTO_REGISTER_OPTION + " must be true or false");
            System.exit(2);
        }
        var settings = new RoutingApp.Settings(a.get(APPLICATION_ID_OPTION, RoutingStreamsConfig.DEFAULT_APPLICATION_ID),
                a.bootstrapServers(), new RestSchemaRegistryClient(a.schemaRegistryUrl()),
                Boolean.parseBoolean(autoRegister), a.stateDir("routing"), a.advertisedHost(), a.port(DEFAULT_PORT),
                a.kafkaClientProperties());
        RoutingApp app = new RoutingApp(config, settings);
        LOG.info("routing-service on http://{}:{} (application.id {}, Kafka {})", settings.advertisedHost(),
                app.port(), settings.applicationId(), settings.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "routing-shutdown"));
        stopped.await();
    }
}
