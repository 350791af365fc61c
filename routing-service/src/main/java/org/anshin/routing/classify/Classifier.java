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
import org.anshin.schemas.Classification;

/**
 * Classifies measured impact against a {@link SectorLevel}: any condition of {@code exceedsWhen}
 * suffices, thresholds are inclusive (the seed says 以上), and a level with {@code minDuration}
 * additionally needs the incident to have lasted that long, measured from its first occurredAt to
 * {@code until} (the classification time while open, resolvedAt once resolved). Pure: no clock.
 */
public final class Classifier {

    private Classifier() {
    }

    /**
     * @param open whether the incident is still open; only an open incident can cross a duration later
     */
    public static Verdict classify(SectorLevel level, Map<String, Object> impact, Instant occurredAt, Instant until,
                                   boolean open) {
        List<String> metEn = new ArrayList<>();
        List<String> missedEn = new ArrayList<>();
        for (Condition c : level.exceedsWhen()) {
            Object value = impact.get(c.field());
            (isMet(c, value) ? metEn : missedEn).add(describe(c, value, isMet(c, value)));
        }
        if (metEn.isEmpty()) {
            String measured = String.join("; ", missedEn);
            return new Verdict(Classification.BELOW_VERIFICATION_LEVEL,
                    "below the " + level.sector() + " verification level (" + level.level() + "): " + measured,
                    level.sector() + "の検証レベル(" + level.levelJa() + ")未満: " + measured, Optional.empty());
        }
        String met = String.join("; ", metEn);
        if (level.minDuration().isEmpty()) {
            return exceeds(level, met, met);
        }
        Duration min = level.minDuration().get();
        Duration lasted = Duration.between(occurredAt, until);
        if (lasted.isNegative()) {
            lasted = Duration.ZERO;
        }
        if (lasted.compareTo(min) >= 0) {
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

    private static Verdict exceeds(SectorLevel level, String en, String ja) {
        return new Verdict(Classification.EXCEEDS_VERIFICATION_LEVEL,
                "exceeds the " + level.sector() + " verification level (" + level.level() + "): " + en,
                level.sector() + "の検証レベル(" + level.levelJa() + ")超過: " + ja, Optional.empty());
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
