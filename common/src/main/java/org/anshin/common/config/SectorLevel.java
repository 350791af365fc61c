package org.anshin.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A sector's verification level (検証レベル): the CEPTOAR that receives its notices, the impact
 * fields a report must carry, and the conditions (any one suffices) with an optional duration.
 *
 * @param planSector the plan's sector (分野) the code belongs to ({@code finance} for {@code banking}); the sector
 *                   code itself when the file does not say
 */
public record SectorLevel(String sector, String ceptoar, String name, String level, String levelJa,
                          List<String> requiredImpact, List<Condition> exceedsWhen, Optional<Duration> minDuration,
                          String planSector) {
    public SectorLevel {
        requiredImpact = List.copyOf(requiredImpact);
        exceedsWhen = List.copyOf(exceedsWhen);
    }
}
