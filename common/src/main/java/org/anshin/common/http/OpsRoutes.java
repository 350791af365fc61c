package org.anshin.common.http;

import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The endpoints every service answers: {@code /health/live} (the process serves HTTP),
 * {@code /health/ready} (it can do its job right now) and {@code /metrics} (Prometheus text).
 */
public final class OpsRoutes {
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private OpsRoutes() {
    }

    public static void install(JavalinConfig config, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        config.routes.get("/health/live", ctx -> ctx.json(java.util.Map.of("status", "UP")));
        config.routes.get("/health/ready", ctx -> {
            boolean ok = ready.getAsBoolean();
            ctx.status(ok ? 200 : 503).json(java.util.Map.of("status", ok ? "UP" : "DOWN"));
        });
        config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(registry.scrape()));
    }
}
