package org.anshin.routing.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code anshin.escalations.paged{recipient,tier}} ({@code anshin_escalations_paged_total} in Prometheus): re-pages
 * written. Both tags are bounded by ceptoars.yaml (recipients with a policy, their tiers). Drills count too, like
 * the other notice counters; an EOS retry of a task may count a page twice (the topics are the record).
 */
public final class EscalationMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> paged = new ConcurrentHashMap<>();

    public EscalationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void paged(String recipient, int tier) {
        paged.computeIfAbsent(recipient + '\u0000' + tier, k -> Counter.builder("anshin.escalations.paged")
                .description("Re-pages of unacknowledged incidents beyond their verification level, by tier")
                .tag("recipient", recipient).tag("tier", String.valueOf(tier)).register(registry)).increment();
    }
}
