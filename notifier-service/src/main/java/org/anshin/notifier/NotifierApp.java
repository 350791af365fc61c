package org.anshin.notifier;

import io.javalin.Javalin;
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

    public static NotifierApp start(ServiceArgs args) {
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
        return new NotifierApp(service, http);
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
