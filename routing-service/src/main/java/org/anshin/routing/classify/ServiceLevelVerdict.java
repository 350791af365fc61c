package org.anshin.routing.classify;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of classifying an incident against its operator's own service level. {@code crossesAt} is
 * set only while the incident is open, a condition is met and the service level's duration is not yet:
 * when it will be breached if nothing changes. It never changes the classification, which is against the
 * sector's verification level.
 */
public record ServiceLevelVerdict(boolean breached, Optional<Instant> crossesAt) {

    /** Short reason suffixes, kept apart from the verification level's measured values. */
    public static final String BREACHED_EN = " [operator's service level breached]";
    public static final String BREACHED_JA = "[事業者のサービスレベル未達]";
}
