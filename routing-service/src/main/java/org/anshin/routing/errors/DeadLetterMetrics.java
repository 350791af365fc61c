package org.anshin.routing.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code anshin.dead.letters{reason}}: records written to a dead-letter topic, one counter per
 * {@link DeadLetterReason}, registered up front so a dashboard sees zeros before the first poison record.
 */
public final class DeadLetterMetrics {
    private final Map<DeadLetterReason, Counter> byReason = new EnumMap<>(DeadLetterReason.class);

    public DeadLetterMetrics(MeterRegistry registry) {
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            byReason.put(reason, Counter.builder("anshin.dead.letters")
                    .description("Records routing-service wrote to a dead-letter topic, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    void deadLettered(DeadLetterReason reason) {
        byReason.get(reason).increment();
    }
}
