package org.anshin.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An operator's own service level (サービスレベル), declared in {@code operators.yaml}: the plan calls an
 * incident an IT failure when the operator can no longer hold it. Same semantics as a verification
 * level's threshold (any one condition, inclusive thresholds, an optional duration measured from
 * occurredAt), but set by the operator and usually breached earlier than the sector's level is exceeded.
 * One per operator, for every sector it reports for.
 *
 * @param descriptionJa the service level in Japanese; "" when not given
 */
public record ServiceLevel(String description, String descriptionJa, List<Condition> breachedWhen,
                           Optional<Duration> minDuration) {
    public ServiceLevel {
        breachedWhen = List.copyOf(breachedWhen);
        if (breachedWhen.isEmpty()) {
            throw new IllegalArgumentException("a service level needs at least one condition");
        }
    }
}
