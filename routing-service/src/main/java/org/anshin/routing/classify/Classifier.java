package org.anshin.routing.classify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.common.config.Condition;
import org.anshin.common.config.ImpactFields;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.ServiceLevel;
import org.anshin.schemas.Classification;

/**
 * Classifies measured impact against a {@link SectorLevel} and against an operator's {@link ServiceLevel},
 * with the same semantics for both: any condition suffices, thresholds are inclusive (the seed says 以上),
 * and a duration additionally needs the incident to have lasted that long, measured from its first
 * occurredAt to {@code until} (the classification time while open, resolvedAt once resolved). Pure: no clock.
 */
public final class Classifier {

    private Classifier() {
    }

    /**
     * @param open whether the incident is still open; only an open incident can cross a duration later
     */
    public static Verdict classify(SectorLevel level, Map<String, Object> impact, Instant occurredAt, Instant until,
                                   boolean open) {
        Check check = check(level.exceedsWhen(), level.minDuration(), impact, occurredAt, until);
        if (check.met().isEmpty()) {
            String measured = String.join("; ", check.missed());
            return new Verdict(Classification.BELOW_VERIFICATION_LEVEL,
                    "below the " + level.sector() + " verification level (" + level.level() + "): " + measured,
                    level.sector() + "の検証レベル(" + level.levelJa() + ")未満: " + measured, Optional.empty());
        }
        String met = String.join("; ", check.met());
        if (level.minDuration().isEmpty()) {
            return exceeds(level, met, met);
        }
        Duration min = level.minDuration().get();
        Duration lasted = check.lasted();
        if (check.durationMet()) {
            return exceeds(level, met + " for " + Durations.en(lasted) + " >= " + Durations.en(min),
                    met + "、継続" + Durations.ja(lasted) + " ≥ " + Durations.ja(min));
        }
        Instant crossesAt = occurredAt.plus(min);
        String en = met + " for " + Durations.en(lasted) + " < " + Durations.en(min);
        String ja = met + "、継続" + Durations.ja(lasted) + " < " + Durations.ja(min);
        if (open) {
            en += "; exceeds the level at " + crossesAt + " if it lasts";
            ja += "。継続すれば " + crossesAt + " に検証レベル超過";
        }
        return new Verdict(Classification.BELOW_VERIFICATION_LEVEL,
                "below the " + level.sector() + " verification level (" + level.level() + "): " + en,
                level.sector() + "の検証レベル(" + level.levelJa() + ")未満: " + ja,
                open ? Optional.of(crossesAt) : Optional.empty());
    }

    /**
     * Whether the operator's own service level is breached, and (open, a condition met, its duration not
     * yet) when it will be if nothing changes.
     */
    public static ServiceLevelVerdict classify(ServiceLevel level, Map<String, Object> impact, Instant occurredAt,
                                               Instant until, boolean open) {
        Check check = check(level.breachedWhen(), level.minDuration(), impact, occurredAt, until);
        if (check.met().isEmpty() || check.durationMet()) {
            return new ServiceLevelVerdict(!check.met().isEmpty(), Optional.empty());
        }
        return new ServiceLevelVerdict(false, open ? Optional.of(occurredAt.plus(level.minDuration().get()))
                : Optional.empty());
    }

    private static Verdict exceeds(SectorLevel level, String en, String ja) {
        return new Verdict(Classification.EXCEEDS_VERIFICATION_LEVEL,
                "exceeds the " + level.sector() + " verification level (" + level.level() + "): " + en,
                level.sector() + "の検証レベル(" + level.levelJa() + ")超過: " + ja, Optional.empty());
    }

    /** The conditions met and missed (described with the measured values) and how long the incident lasted. */
    private record Check(List<String> met, List<String> missed, Duration lasted, Optional<Duration> min) {
        boolean durationMet() {
            return min.isEmpty() || lasted.compareTo(min.get()) >= 0;
        }
    }

    private static Check check(List<Condition> conditions, Optional<Duration> min, Map<String, Object> impact,
                               Instant occurredAt, Instant until) {
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Condition c : conditions) {
            Object value = impact.get(c.field());
            boolean isMet = isMet(c, value);
            (isMet ? met : missed).add(describe(c, value, isMet));
        }
        Duration lasted = Duration.between(occurredAt, until);
        return new Check(met, missed, lasted.isNegative() ? Duration.ZERO : lasted, min);
    }

    static boolean isMet(Condition c, Object value) {
        if (c.kind() == ImpactFields.Kind.FLAG) {
            return Boolean.TRUE.equals(value);
        }
        return value instanceof Number n && n.longValue() >= c.atLeast();
    }

    /** Names the threshold and the measured value, e.g. "supplyLossKw 150000 >= 100000". */
    private static String describe(Condition c, Object value, boolean met) {
        String measured = value == null ? "not reported" : value.toString();
        if (c.kind() == ImpactFields.Kind.FLAG) {
            return c.field() + " = " + measured + (met ? "" : " (needs true)");
        }
        return c.field() + " " + measured + (met ? " >= " : " < ") + c.atLeast();
    }
}
