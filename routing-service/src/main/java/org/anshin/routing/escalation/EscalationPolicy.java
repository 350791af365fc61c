package org.anshin.routing.escalation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.EscalationTier;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.schemas.Topics;

/**
 * Who escalates and when ({@code ceptoars.yaml escalation}): the tiers of each recipient that has any, and the
 * sector's own CEPTOAR (a recipient is tracked only for incidents of its own sectors, or as NISC for all).
 *
 * @param tiersByRecipient tiers 2, 3, ... of each recipient with a policy (recipients without one are absent)
 * @param ceptoarBySector  the CEPTOAR of each sector (verification-levels.yaml)
 */
public record EscalationPolicy(Map<String, List<EscalationTier>> tiersByRecipient,
                               Map<String, String> ceptoarBySector) {
    public static final EscalationPolicy NONE = new EscalationPolicy(Map.of(), Map.of());

    public EscalationPolicy {
        Map<String, List<EscalationTier>> copy = new HashMap<>();
        tiersByRecipient.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, List.copyOf(v));
            }
        });
        tiersByRecipient = Map.copyOf(copy);
        ceptoarBySector = Map.copyOf(ceptoarBySector);
    }

    public static EscalationPolicy from(AnshinConfig config) {
        Map<String, List<EscalationTier>> tiers = new HashMap<>();
        for (Ceptoar c : config.ceptoars().byId().values()) {
            tiers.put(c.id(), c.escalation());
        }
        return new EscalationPolicy(tiers, ceptoarOf(config.levels()));
    }

    private static Map<String, String> ceptoarOf(VerificationLevels levels) {
        Map<String, String> out = new HashMap<>();
        for (SectorLevel l : levels.bySector().values()) {
            out.put(l.sector(), l.ceptoar());
        }
        return out;
    }

    /** Whether notices of this sector's incidents to this recipient are tracked: an own recipient with tiers. */
    public boolean tracks(String sector, String recipient) {
        boolean own = Topics.NISC_RECIPIENT.equals(recipient) || recipient.equals(ceptoarBySector.get(sector));
        return own && tiersByRecipient.containsKey(recipient);
    }

    /** Tier {@code n} (2, 3, ...) of a recipient, if its policy has one. */
    public Optional<EscalationTier> tier(String recipient, int n) {
        List<EscalationTier> tiers = tiersByRecipient.getOrDefault(recipient, List.of());
        return tiers.stream().filter(t -> t.tier() == n).findFirst();
    }

    /** The recipients with a policy (the bounded values of the metric's recipient tag). */
    public Set<String> recipients() {
        return tiersByRecipient.keySet();
    }
}
