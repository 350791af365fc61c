package org.anshin.routing.advisory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.Tlp;

/**
 * The JSON forms of an advisory on the internal API (plain maps: Jackson writes the instants as ISO-8601):
 * {@link #forOperator} is one item of an operator's list, {@link #full} the whole record with its counts for the
 * issuer's and NISC's view (ingest checks who asks).
 */
public final class AdvisoryView {
    private static final List<DeliveryOutcome> FINAL = List.of(DeliveryOutcome.DELIVERED, DeliveryOutcome.FAILED,
            DeliveryOutcome.SKIPPED);

    private AdvisoryView() {
    }

    /** An item of {@code GET /v1/advisories?operator=}: the advisory and that operator's own answer, or null. */
    public static Map<String, Object> forOperator(AdvisoryRecord r, String operatorId) {
        Map<String, Object> m = advisory(r.getAdvisory());
        m.remove("issuerRole");
        m.remove("allSectors");
        m.put("feedback", AdvisoryFold.answerOf(r, operatorId).map(AdvisoryView::feedback).orElse(null));
        return m;
    }

    /** The whole record ({@code advisory, recipients, deliveries, feedback, updatedAt}) plus {@code counts}. */
    public static Map<String, Object> full(AdvisoryRecord r, AdvisoryAudience audience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("advisory", advisory(r.getAdvisory()));
        m.put("recipients", r.getRecipients());
        m.put("deliveries", r.getDeliveries().stream().map(AdvisoryView::delivery).toList());
        List<Map<String, Object>> answers = new ArrayList<>();
        for (RecordedFeedback f : r.getFeedback()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("operatorId", f.getOperatorId());
            a.putAll(feedback(f));
            answers.add(a);
        }
        m.put("feedback", answers);
        m.put("updatedAt", r.getUpdatedAt());
        m.put("counts", counts(r, audience));
        return m;
    }

    /**
     * {@code recipients}: CEPTOARs fanned out to; {@code deliveries}: final outcomes per channel type;
     * {@code bySector}: operators addressed per sector (none for AMBER+STRICT); {@code feedback}: answers of
     * operators addressed, and those addressed who have not answered.
     */
    static Map<String, Object> counts(AdvisoryRecord r, AdvisoryAudience audience) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("recipients", r.getRecipients().size());
        Map<String, Map<String, Integer>> deliveries = new TreeMap<>();
        for (RecordedDelivery d : r.getDeliveries()) {
            deliveries.computeIfAbsent(d.getChannelType(), t -> {
                Map<String, Integer> zero = new LinkedHashMap<>();
                FINAL.forEach(o -> zero.put(o.name(), 0));
                return zero;
            }).merge(d.getOutcome().name(), 1, Integer::sum);
        }
        c.put("deliveries", deliveries);
        Map<String, Object> bySector = new TreeMap<>();
        Set<String> addressed = new HashSet<>();
        audience.operatorsBySector(r.getAdvisory()).forEach((sector, ops) -> {
            bySector.put(sector, Map.of("operators", ops.size()));
            addressed.addAll(ops);
        });
        c.put("bySector", bySector);
        int useful = 0;
        int notUseful = 0;
        for (RecordedFeedback f : r.getFeedback()) {
            if (!addressed.contains(f.getOperatorId())) {
                continue; // an operator that left operators.yaml since: not in today's audience
            }
            if (f.getUseful()) {
                useful++;
            } else {
                notUseful++;
            }
        }
        Map<String, Object> fb = new LinkedHashMap<>();
        fb.put("useful", useful);
        fb.put("notUseful", notUseful);
        fb.put("noAnswer", addressed.size() - useful - notUseful);
        c.put("feedback", fb);
        return c;
    }

    private static Map<String, Object> advisory(Advisory a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("advisoryId", a.getAdvisoryId());
        m.put("issuerId", a.getIssuerId());
        m.put("issuerRole", a.getIssuerRole());
        m.put("title", a.getTitle());
        m.put("body", a.getBody());
        m.put("severity", a.getSeverity().name());
        m.put("tlp", tlp(a.getTlp()));
        m.put("allSectors", a.getAllSectors());
        m.put("sectors", a.getAllSectors() ? List.of("all") : a.getSectors());
        m.put("references", a.getReferences());
        m.put("relatedIncidentIds", a.getRelatedIncidentIds());
        m.put("issuedAt", a.getIssuedAt());
        m.put("expiresAt", a.getExpiresAt());
        m.put("exercise", a.getExercise());
        return m;
    }

    private static Map<String, Object> feedback(RecordedFeedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("useful", f.getUseful());
        m.put("actionTaken", f.getActionTaken());
        m.put("comment", f.getComment());
        m.put("at", f.getAt());
        return m;
    }

    private static Map<String, Object> delivery(RecordedDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("noticeId", d.getNoticeId());
        m.put("ceptoarId", d.getCeptoarId());
        m.put("channel", d.getChannel());
        m.put("channelType", d.getChannelType());
        m.put("outcome", d.getOutcome().name());
        m.put("attempts", d.getAttempts());
        m.put("at", d.getAt());
        m.put("error", d.getError());
        return m;
    }

    /** TLP as the contract writes it ({@code AMBER+STRICT}, not the Avro symbol). */
    static String tlp(Tlp t) {
        return t == Tlp.AMBER_STRICT ? "AMBER+STRICT" : t.name();
    }
}
