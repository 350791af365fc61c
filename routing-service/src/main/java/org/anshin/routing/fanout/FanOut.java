package org.anshin.routing.fanout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 *   <li>AMBER, AMBER+STRICT: own CEPTOAR and NISC in full; cascade warnings go out but anonymised:
 *       no operatorId, summary, reportId or impact values; a reason that names the level but not the
 *       measured values; times coarsened (occurrence and resolution to the hour, classification to the
 *       minute, no ingest time); no service-level verdict (serviceLevelBreached null: it is the operator's
 *       own bar, so it would say something about which operator); and a keyed pseudonym ({@link Pseudonyms})
 *       as incidentId and incidentKey, since operators' incident ids often name the operator and exact
 *       figures and times can re-identify it.</li>
 *   <li>RED: NISC only; no cascade.</li>
 * </ul>
 * Cascade warnings go out once, when an upstream incident first exceeds its level.
 */
public final class FanOut {
    private final VerificationLevels levels;
    private final Interdependency interdependency;
    private final Pseudonyms pseudonyms;

    public FanOut(VerificationLevels levels, Interdependency interdependency, Pseudonyms pseudonyms) {
        this.levels = levels;
        this.interdependency = interdependency;
        this.pseudonyms = pseudonyms;
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

    private IncidentNotice notice(IncidentState s, NoticeType type, String recipient, String trigger,
                                  String reportId, Instant classifiedAt, boolean anonymise, Impact impact) {
        String pseudonym = anonymise ? pseudonyms.pseudonym(s.incidentKey()) : null;
        SectorLevel level = levels.of(s.sector()).orElseThrow();
        String upstream = anonymise ? "exceeds its verification level (" + level.level() + ")" : s.reason();
        String upstreamJa = anonymise ? "検証レベル超過(" + level.levelJa() + ")" : s.reasonJa();
        String reason = type == NoticeType.CASCADE_WARNING
                ? "upstream " + s.sector() + " incident may affect your sector: " + upstream
                : s.reason();
        String reasonJa = type == NoticeType.CASCADE_WARNING
                ? "上流分野(" + s.sector() + ")の障害が波及する恐れ: " + upstreamJa
                : s.reasonJa();
        return IncidentNotice.newBuilder()
                .setNoticeId(NoticeIds.of(s.incidentKey(), trigger, recipient, type.name()))
                .setIncidentId(anonymise ? pseudonym : s.incidentId())
                .setIncidentKey(anonymise ? pseudonym : s.incidentKey())
                .setReportId(anonymise ? null : reportId)
                .setSector(s.sector())
                .setCeptoarId(recipient)
                .setOperatorId(anonymise ? null : s.operatorId())
                .setNoticeType(type)
                .setClassification(s.classification())
                .setServiceLevelBreached(anonymise ? null : s.serviceLevelBreached())
                .setReason(reason)
                .setReasonJa(reasonJa)
                .setTlp(s.tlp())
                .setExercise(s.exercise())
                .setSummary(anonymise ? null : s.summary())
                .setCause(s.cause())
                .setImpact(anonymise ? null : impact)
                .setOccurredAt(anonymise ? s.occurredAt().truncatedTo(ChronoUnit.HOURS) : s.occurredAt())
                .setResolvedAt(anonymise && s.resolvedAt() != null ? s.resolvedAt().truncatedTo(ChronoUnit.HOURS)
                        : s.resolvedAt())
                .setClassifiedAt(anonymise ? classifiedAt.truncatedTo(ChronoUnit.MINUTES) : classifiedAt)
                .setReceivedAt(anonymise ? null : s.receivedAt())
                .build();
    }
}
