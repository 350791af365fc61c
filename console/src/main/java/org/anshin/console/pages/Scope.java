package org.anshin.console.pages;

import java.util.LinkedHashSet;
import java.util.Set;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.console.Viewer;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.Tlp;

/**
 * What one signed-in secretariat may see of the records, decided once so every page filters the same way before
 * anything is rendered (nothing a viewer may not see is computed into the HTML):
 * <ul>
 *   <li>NISC: everything;</li>
 *   <li>a CEPTOAR secretariat: the sectors whose CEPTOAR it is (verification-levels.yaml {@code ceptoar}), the
 *   advisories it issued and those fanned out to it ({@code recipients}: routing's audience, which already
 *   applied {@code ["all"]} and the council), never a TLP:RED one (routing never sends those to a CEPTOAR);</li>
 *   <li>a ministry: the sectors it may advise (secretariats.yaml) and the advisories it issued; it is no
 *   advisory's recipient.</li>
 * </ul>
 * Full advisory counts and operators' feedback text go only to the issuer and NISC, as {@code GET
 * /v1/advisories/{id}} decides; a recipient sees its own share of the deliveries and feedback counts.
 *
 * @param sectors  sector codes whose figures the viewer sees (every configured one for NISC)
 * @param ceptoars CEPTOAR ids whose lines of the sharing figures the viewer sees
 */
record Scope(Secretariat secretariat, boolean everything, Set<String> sectors, Set<String> ceptoars) {

    Scope {
        sectors = Set.copyOf(sectors);
        ceptoars = Set.copyOf(ceptoars);
    }

    static Scope of(Viewer viewer, VerificationLevels levels) {
        Secretariat s = viewer.secretariat();
        Set<String> sectors = new LinkedHashSet<>();
        Set<String> ceptoars = new LinkedHashSet<>();
        for (SectorLevel l : levels.bySector().values()) {
            boolean own = switch (s.role()) {
                case NISC -> true;
                case CEPTOAR -> l.ceptoar().equals(s.id());
                case MINISTRY -> s.allSectors() || s.sectors().contains(l.sector());
            };
            if (own) {
                sectors.add(l.sector());
                ceptoars.add(l.ceptoar());
            }
        }
        viewer.ceptoarId().ifPresent(ceptoars::add); // the council has no sector but is a recipient
        return new Scope(s, s.isNisc(), sectors, ceptoars);
    }

    String id() {
        return secretariat.id();
    }

    /** The advisory's issuer, or NISC: the viewers {@code GET /v1/advisories/{id}} answers with the whole record. */
    boolean seesWhole(AdvisoryRecord r) {
        return everything || r.getAdvisory().getIssuerId().equals(id());
    }

    boolean sees(AdvisoryRecord r) {
        if (seesWhole(r)) {
            return true;
        }
        return r.getAdvisory().getTlp() != Tlp.RED && secretariat.ceptoarId().isPresent()
                && r.getRecipients().contains(id());
    }

    /** An incident counts for the viewer when it is of its sectors and not TLP:RED (NISC's alone) unless NISC. */
    boolean sees(IncidentRecord r) {
        return everything || (sectors.contains(r.getSector()) && r.getTlp() != Tlp.RED);
    }
}
