package org.anshin.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own meters. Tags are bounded: {@code sector} is one of the configured sectors or "unknown"
 * (never a value copied from a request), {@code outcome} is an {@link Outcome}; HTTP timers are tagged by route
 * pattern, never by the raw path.
 */
public final class IngestMetrics {
    public static final String REPORTS_RECEIVED = "anshin.reports.received";
    public static final String HTTP_REQUESTS = "http.server.requests";
    public static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Set<String> sectors;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Built once per (method, route, status): building a meter per request costs more than recording. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry, Set<String> sectors) {
        this.registry = registry;
        this.sectors = Set.copyOf(sectors);
    }

    public void report(String sector, Outcome outcome) {
        String s = sector != null && sectors.contains(sector) ? sector : UNKNOWN;
        counters.computeIfAbsent(s + '|' + outcome.tag(), k -> Counter.builder(REPORTS_RECEIVED)
                .description("Incident reports received by ingest-service, by sector and outcome")
                .tag("sector", s).tag("outcome", outcome.tag())
                .register(registry)).increment();
    }

    public void httpRequest(String method, String route, int status, Duration took) {
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder(HTTP_REQUESTS)
                .description("HTTP requests served, by method, route pattern and status")
                .tag("method", method).tag("uri", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)).record(took);
    }
}
