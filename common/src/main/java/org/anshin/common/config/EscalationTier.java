package org.anshin.common.config;

import java.time.Duration;
import java.util.List;

/**
 * One tier of a CEPTOAR's escalation policy ({@code ceptoars.yaml escalation}): when an incident beyond its
 * verification level has gone unacknowledged by the CEPTOAR's secretariat for {@code after}, routing-service
 * re-pages it to this tier and notifier-service delivers that page to {@code channels} (channel ids of the same
 * CEPTOAR). Tier 1 is implicit: every channel no tier names, receiving every notice at once.
 *
 * @param tier 2 for the first listed tier, 3 for the next, ...
 */
public record EscalationTier(int tier, Duration after, List<String> channels) {
    public EscalationTier {
        channels = List.copyOf(channels);
    }
}
