package org.anshin.routing.advisory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The advisory meters. {@code issuer} is bounded by secretariats.yaml, {@code useful} and {@code from} by two values.
 *
 * <p>{@code anshin.advisory.feedback{useful}} counts each operator once per advisory, at its first answer; a changed
 * answer counts under its new value and once in {@code anshin.advisory.feedback.changed{from}} under the old one, so
 * the operators who currently find advisories useful are {@code feedback{useful=true} - changed{from=true}} (a
 * counter cannot go down; the advisory record holds the exact answers).
 */
final class AdvisoryMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<Boolean, Counter> feedback = new ConcurrentHashMap<>();
    private final Map<Boolean, Counter> changed = new ConcurrentHashMap<>();
    private final Counter duplicates;

    AdvisoryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("anshin.advisories.duplicates")
                .description("Advisories dropped because their advisoryId was already accepted").register(registry);
    }

    void issued(String issuer) {
        issued.computeIfAbsent(issuer, i -> Counter.builder("anshin.advisories.issued")
                .description("Advisories accepted and fanned out (once per advisoryId)").tag("issuer", i)
                .register(registry)).increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void firstAnswer(boolean useful) {
        feedback.computeIfAbsent(useful, u -> Counter.builder("anshin.advisory.feedback")
                .description("Operators' answers to advisories (once per operator and advisory; a changed answer "
                        + "counts under its new value)").tag("useful", String.valueOf(u)).register(registry))
                .increment();
    }

    void changedAnswer(boolean from) {
        changed.computeIfAbsent(from, u -> Counter.builder("anshin.advisory.feedback.changed")
                .description("Operators who changed their answer to an advisory, by the earlier answer")
                .tag("from", String.valueOf(u)).register(registry)).increment();
        firstAnswer(!from);
    }
}
