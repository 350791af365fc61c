package org.anshin.routing.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The routing meters. Tags are bounded by config (CEPTOAR ids, sectors, two classifications).
 * Counted when the notice is forwarded; an EOS retry of a task may count a notice twice, which the
 * yearly review tolerates (the topics, not the counters, are the record).
 */
public final class RoutingMetrics {
    private final MeterRegistry registry;

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void noticeRouted(String ceptoar, String classification) {
        Counter.builder("anshin.notices.routed").description("Notices routed to a recipient topic")
                .tag("ceptoar", ceptoar).tag("classification", classification).register(registry).increment();
    }

    void incidentExceeded(String sector) {
        Counter.builder("anshin.incidents.exceeding.level")
                .description("Incidents that exceeded their sector's verification level (once per incident)")
                .tag("sector", sector).register(registry).increment();
    }

    void duplicate() {
        Counter.builder("anshin.reports.duplicate").description("Reports dropped as duplicates by reportId")
                .register(registry).increment();
    }

    void invalid(String reason) {
        Counter.builder("anshin.reports.invalid").description("Reports sent to the dead-letter topic by routing")
                .tag("reason", reason).register(registry).increment();
    }
}
