package org.anshin.routing.classify;

import java.time.Instant;
import java.util.Optional;
import org.anshin.schemas.Classification;

/**
 * The outcome of classifying an incident against its sector's verification level. {@code crossesAt}
 * is set only when the impact condition is met but the level's duration is not yet: the time at which
 * the still-open incident will exceed the level if nothing changes.
 */
public record Verdict(Classification classification, String reason, String reasonJa, Optional<Instant> crossesAt) {

    public boolean exceeds() {
        return classification == Classification.EXCEEDS_VERIFICATION_LEVEL;
    }
}
