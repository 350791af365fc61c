package org.anshin.notifier;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.http.OpsRoutes;
import org.anshin.schemas.registry.RestSchemaRegistryClient;

/** The notifier with its HTTP face ({@code /health/live}, {@code /health/ready}, {@code /metrics}). */
public final class NotifierApp implements AutoCloseable {
    private final NotifierService service;
    private final Javalin http;

    private NotifierApp(NotifierService service, Javalin http) {
        this.service = service;
        this.http = http;
    }

    public static NotifierApp start(NotifierCommand command) {
        return start(command.shared(), AnshinConfig.load(command.shared().configDir()), command.settings());
    }

    /** With the config and settings {@code NotifierMain.prepare} has already read and checked. */
    public static NotifierApp start(ServiceArgs args, AnshinConfig config, NotifierSettings settings) {
        java.util.Optional<String> instanceId = args.instanceId();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        // HTTP first: /health/live answers while the service still waits for Kafka (the container health check
        // and ./anshin up must see a live process that is not ready yet, not a silent one)
        AtomicReference<NotifierService> started = new AtomicReference<>();
        Javalin http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            OpsRoutes.install(c, registry, () -> started.get() != null && started.get().ready());
        }).start(args.bindAddress(), args.port(NotifierSettings.DEFAULT_PORT));
        NotifierService service;
        try {
            service = NotifierService.start(config, args.kafkaClientProperties(),
                    new RestSchemaRegistryClient(args.schemaRegistryUrl()), settings, registry,
                    new org.anshin.notifier.channel.Channels(settings.httpTimeout(), settings.links())::create, instanceId);
        } catch (RuntimeException e) {
            http.stop();
            throw e;
        }
        started.set(service);
        return new NotifierApp(service, http);
    }

    /** Completes when a thread of the job died (see {@link NotifierService#fatal()}). */
    public java.util.concurrent.CompletableFuture<Throwable> fatal() {
        return service.fatal();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        service.close();
    }
}
