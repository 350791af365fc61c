package org.anshin.routing.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.Interdependency;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.VerificationLevels;
import org.anshin.routing.incident.ImpactValues;
import org.anshin.routing.incident.IncidentState;
import org.anshin.schemas.Impact;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.Topics;

/**
 * Who receives a notice, after TLP handling (contract, Routing rules):
 * <ul>
 *   <li>CLEAR, GREEN: own CEPTOAR and NISC; cascade warnings in full.</li>
 *   <li>AMBER, AMBER+STRICT: own CEPTOAR and NISC in full; cascade warnings go out but anonymised
 *       (no operatorId, no summary, no reportId, and a pseudonymous incident id, since operators'
 *       incident ids often name the operator).</li>
 *   <li>RED: NISC only; no cascade.</li>
 * </ul>
 * Cascade warnings go out once, when an upstream incident first exceeds its level.
 */
public final class FanOut {
    private final VerificationLevels levels;
    private final Interdependency interdependency;

    public FanOut(VerificationLevels levels, Interdependency interdependency) {
        this.levels = levels;
        this.interdependency = interdependency;
    }

    /**
     * @param trigger the reportId, or an escalation marker for timer-driven notices
     */
    public List<IncidentNotice> notices(IncidentState s, NoticeType type, boolean firstExceeded, String trigger,
                                        String reportId, Instant classifiedAt) {
        SectorLevel level = levels.of(s.sector()).orElseThrow();
        List<IncidentNotice> out = new ArrayList<>();
        // one Impact for all of this state's notices: each is serialized on its own and none is mutated
        Impact impact = ImpactValues.toAvro(s.impact());
        if (s.tlp() != Tlp.RED) {
            out.add(notice(s, type, level.ceptoar(), trigger, reportId, classifiedAt, false, impact));
        }
        out.add(notice(s, type, Topics.NISC_RECIPIENT, trigger, reportId, classifiedAt, false, impact));
        if (firstExceeded && s.tlp() != Tlp.RED) {
            boolean anonymise = s.tlp() == Tlp.AMBER || s.tlp() == Tlp.AMBER_STRICT;
            for (String ceptoar : cascadeRecipients(s.sector(), level.ceptoar())) {
                out.add(notice(s, NoticeType.CASCADE_WARNING, ceptoar, trigger, reportId, classifiedAt, anonymise,
                        impact));
            }
        }
        return out;
    }

    /** Dependent sectors' CEPTOARs (de-duplicated, without the own one) and the council. */
    Set<String> cascadeRecipients(String sector, String ownCeptoar) {
        Set<String> out = new LinkedHashSet<>();
        for (String dependent : interdependency.dependentsOf(sector)) {
            levels.of(dependent).map(SectorLevel::ceptoar).ifPresent(out::add);
        }
        if (!interdependency.dependentsOf(sector).isEmpty() && interdependency.notifyCouncil()) {
            out.add(Ceptoars.COUNCIL);
        }
        out.remove(ownCeptoar);
        return out;
    }

    private static IncidentNotice notice(IncidentState s, NoticeType type, String recipient, String trigger,
                                         String reportId, Instant classifiedAt, boolean anonymise, Impact impact) {
        String incidentId = anonymise ? pseudonym(s.incidentId()) : s.incidentId();
        String reason = type == NoticeType.CASCADE_WARNING
                ? "upstream " + s.sector() + " incident may affect your sector: " + s.reason()
                : s.reason();
        String reasonJa = type == NoticeType.CASCADE_WARNING
                ? "上流分野(" + s.sector() + ")の障害が波及する恐れ: " + s.reasonJa()
                : s.reasonJa();
        return IncidentNotice.newBuilder()
                .setNoticeId(NoticeIds.of(s.incidentId(), trigger, recipient, type.name()))
                .setIncidentId(incidentId)
                .setReportId(anonymise ? null : reportId)
                .setSector(s.sector())
                .setCeptoarId(recipient)
                .setOperatorId(anonymise ? null : s.operatorId())
                .setNoticeType(type)
                .setClassification(s.classification())
                .setReason(reason)
                .setReasonJa(reasonJa)
                .setTlp(s.tlp())
                .setExercise(s.exercise())
                .setSummary(anonymise ? null : s.summary())
                .setCause(s.cause())
                .setImpact(impact)
                .setOccurredAt(s.occurredAt())
                .setResolvedAt(s.resolvedAt())
                .setClassifiedAt(classifiedAt)
                .setReceivedAt(s.receivedAt())
                .build();
    }

    /** Stable, not reversible without the original id: receivers can correlate warnings of one incident. */
    static String pseudonym(String incidentId) {
        return "cascade-" + UUID.nameUUIDFromBytes(("anshin-cascade:" + incidentId).getBytes(StandardCharsets.UTF_8));
    }
}
