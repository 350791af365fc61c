package org.anshin.console.pages;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.Tlp;

/**
 * The delivery and feedback counts of one advisory as one viewer may see them. For the issuer and NISC they are
 * the counts of {@code GET /v1/advisories/{id}} (routing's {@code AdvisoryView.counts}): every final delivery,
 * and the answers of the operators addressed (operators.yaml, none for AMBER+STRICT) with those who did not
 * answer. For a recipient CEPTOAR they are its own share: the deliveries of its notice (its channels and its
 * operators' contacts) and the answers of the operators of its sectors.
 *
 * @param partial true when these are the viewer's share, not the whole advisory's
 */
record AdvisoryCounts(Map<DeliveryOutcome, Integer> deliveries, int useful, int notUseful, int noAnswer,
                      boolean partial) {

    static AdvisoryCounts of(AdvisoryRecord r, Scope scope, Operators operators) {
        boolean whole = scope.seesWhole(r);
        Map<DeliveryOutcome, Integer> deliveries = new EnumMap<>(DeliveryOutcome.class);
        for (DeliveryOutcome o : new DeliveryOutcome[] {DeliveryOutcome.DELIVERED, DeliveryOutcome.FAILED,
                DeliveryOutcome.SKIPPED}) {
            deliveries.put(o, 0);
        }
        for (RecordedDelivery d : r.getDeliveries()) {
            if (whole || d.getCeptoarId().equals(scope.id())) {
                deliveries.merge(d.getOutcome(), 1, Integer::sum);
            }
        }
        Set<String> addressed = addressed(r.getAdvisory(), operators, whole ? null : scope.sectors());
        int useful = 0;
        int notUseful = 0;
        for (RecordedFeedback f : r.getFeedback()) {
            if (!addressed.contains(f.getOperatorId())) {
                continue; // not in today's audience (or not the viewer's share): the API does not count it either
            }
            if (f.getUseful()) {
                useful++;
            } else {
                notUseful++;
            }
        }
        return new AdvisoryCounts(deliveries, useful, notUseful, addressed.size() - useful - notUseful, !whole);
    }

    /** Operators of the advisory's sectors, within {@code only} when not null; none for AMBER+STRICT. */
    static Set<String> addressed(Advisory a, Operators operators, Set<String> only) {
        Set<String> out = new HashSet<>();
        if (a.getTlp() == Tlp.AMBER_STRICT) {
            return out;
        }
        Set<String> sectors = new HashSet<>(a.getSectors());
        for (Operator op : operators.byId().values()) {
            for (String s : op.sectors()) {
                if ((a.getAllSectors() || sectors.contains(s)) && (only == null || only.contains(s))) {
                    out.add(op.id());
                }
            }
        }
        return out;
    }
}
