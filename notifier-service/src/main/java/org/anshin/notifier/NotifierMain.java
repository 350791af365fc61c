package org.anshin.notifier;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.http.OpsRoutes;
import org.anshin.schemas.registry.RestSchemaRegistryClient;

/**
 * {@code java org.anshin.notifier.NotifierMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8083 [--group-id anshin-notifier] [--max-attempts 6 --max-age PT10M ...]}. Serves
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}; stops gracefully on SIGTERM / Ctrl-C.
 */
public final class NotifierMain {
    private NotifierMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        ServiceArgs args = ServiceArgs.parse(argv);
        AnshinConfig config = AnshinConfig.load(args.configDir());
        NotifierSettings settings = NotifierSettings.from(args);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        NotifierService service = NotifierService.start(config, args.kafkaClientProperties(),
                new RestSchemaRegistryClient(args.schemaRegistryUrl()), settings, registry);
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            OpsRoutes.install(c, registry, service::ready);
        }).start(args.port(NotifierSettings.DEFAULT_PORT));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop();
            service.close();
            stopped.countDown();
        }, "notifier-shutdown"));
        stopped.await();
    }
}
