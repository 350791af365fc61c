package org.anshin.routing.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.routing.errors.DeadLetterReason;

/**
 * The routing meters. Tags are bounded by config (CEPTOAR ids, sectors, two classifications) and by
 * {@link DeadLetterReason}. Counters are looked up once per tag combination and kept: registering per
 * record builds a meter id (tag sorting, allocation) on the hot path. Shared by all stream threads.
 * Counted when the notice is forwarded; an EOS retry of a task may count a notice twice, which the
 * yearly review tolerates (the topics, not the counters, are the record).
 */
public final class RoutingMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();
    private final Map<String, Counter> exceeded = new ConcurrentHashMap<>();
    private final Map<DeadLetterReason, Counter> invalid = new ConcurrentHashMap<>();
    private final Counter duplicates;
    private final Counter closed;

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("anshin.reports.duplicate")
                .description("Reports dropped as duplicates by reportId").register(registry);
        this.closed = Counter.builder("anshin.incidents.closed")
                .description("Resolved incidents closed at the end of their closing period (left the live store)")
                .register(registry);
    }

    void closed() {
        closed.increment();
    }

    void noticeRouted(String ceptoar, String classification) {
        routed.computeIfAbsent(ceptoar + '\u0000' + classification, k -> Counter.builder("anshin.notices.routed")
                .description("Notices routed to a recipient topic")
                .tag("ceptoar", ceptoar).tag("classification", classification).register(registry)).increment();
    }

    void incidentExceeded(String sector) {
        exceeded.computeIfAbsent(sector, s -> Counter.builder("anshin.incidents.exceeding.level")
                .description("Incidents that exceeded their sector's verification level (once per incident)")
                .tag("sector", s).register(registry)).increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void invalid(DeadLetterReason reason) {
        invalid.computeIfAbsent(reason, r -> Counter.builder("anshin.reports.invalid")
                .description("Reports sent to the dead-letter topic by routing as invalid")
                .tag("reason", r.label()).register(registry)).increment();
    }
}
