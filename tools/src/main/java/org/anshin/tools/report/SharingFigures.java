package org.anshin.tools.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anshin.schemas.AdvisorySeverity;

/**
 * The plan's information-sharing indicators (情報共有) for one population (real, or drills): per issuer, per
 * CEPTOAR, and the totals. Definitions: docs/REVIEW.md and {@link SharingReview}.
 *
 * @param advisoriesRead        false when the review was made without advisories.record (no figure of advisories
 *                              is then a result: only the shares are)
 * @param advisoriesOutsideRange advisories read but issued outside the range
 */
public record SharingFigures(boolean advisoriesRead, List<IssuerRow> issuers, IssuerRow issuersTotal,
                             List<CeptoarRow> ceptoars, CeptoarRow total, int advisoriesOutsideRange) {

    public SharingFigures {
        issuers = List.copyOf(issuers);
        ceptoars = List.copyOf(ceptoars);
    }

    /** Advisories one issuer issued in the range; {@code issuerId} null on the total line. */
    public record IssuerRow(String issuerId, String role, int issued, Map<AdvisorySeverity, Integer> bySeverity) {
        public IssuerRow {
            bySeverity = java.util.Collections.unmodifiableMap(new EnumMap<>(bySeverity));
        }
    }

    /**
     * One CEPTOAR's line; {@code ceptoarId} null on the total line. Operator counts are per advisory: an operator
     * addressed by three advisories counts three times.
     *
     * @param incidentsSharedBy incidents it shared with another CEPTOAR (on the total line: incidents shared)
     * @param incidentsSharedTo incidents shared with it (on the total line: shares, incident x receiving CEPTOAR)
     */
    public record CeptoarRow(String ceptoarId, int advisoriesReceived, int incidentsSharedBy, int incidentsSharedTo,
                             int operatorsAddressed, int operatorsReached, int operatorsAnswered, int operatorsUseful) {

        /** Useful among those who answered: empty when nobody answered. */
        public Optional<Double> usefulOfAnswered() {
            return ratio(operatorsUseful, operatorsAnswered);
        }

        /** Useful among those reached: empty when nobody was reached. */
        public Optional<Double> usefulOfReached() {
            return ratio(operatorsUseful, operatorsReached);
        }

        private static Optional<Double> ratio(int n, int of) {
            return of == 0 ? Optional.empty() : Optional.of(n / (double) of);
        }
    }

    public Optional<IssuerRow> issuer(String id) {
        return issuers.stream().filter(r -> r.issuerId().equals(id)).findFirst();
    }

    public Optional<CeptoarRow> ceptoar(String id) {
        return ceptoars.stream().filter(r -> r.ceptoarId().equals(id)).findFirst();
    }
}
