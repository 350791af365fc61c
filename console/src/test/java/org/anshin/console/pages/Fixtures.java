package org.anshin.console.pages;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.anshin.common.config.AnshinConfig;
import org.anshin.console.ConsoleData;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.Classification;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentStatus;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.RecordedShare;
import org.anshin.schemas.Tlp;

/** Hand-built records over the shipped config (../config): its sectors, CEPTOARs, operators and secretariats. */
final class Fixtures {
    static final AnshinConfig CONFIG = AnshinConfig.load(Path.of("../config"));

    private Fixtures() {
    }

    static Viewer viewer(String secretariatId, Lang lang) {
        return new Viewer(CONFIG.secretariats().of(secretariatId).orElseThrow(), lang, "csrf-" + secretariatId);
    }

    static Advisory advisory(String id, String issuer, String role, String title, Tlp tlp, List<String> sectors,
                             String issuedAt) {
        return Advisory.newBuilder().setAdvisoryId(id).setIssuerId(issuer).setIssuerRole(role).setTitle(title)
                .setBody("body of " + id).setSeverity(AdvisorySeverity.WARNING).setTlp(tlp).setAllSectors(false)
                .setSectors(new ArrayList<>(sectors)).setIssuedAt(Instant.parse(issuedAt)).build();
    }

    static AdvisoryRecord record(Advisory a, List<String> recipients, List<RecordedDelivery> deliveries,
                                 List<RecordedFeedback> feedback) {
        return AdvisoryRecord.newBuilder().setAdvisory(a).setRecipients(new ArrayList<>(recipients))
                .setDeliveries(new ArrayList<>(deliveries)).setFeedback(new ArrayList<>(feedback))
                .setUpdatedAt(a.getIssuedAt()).build();
    }

    static RecordedDelivery delivery(String ceptoar, String channel, DeliveryOutcome outcome) {
        return RecordedDelivery.newBuilder().setNoticeId("n." + ceptoar).setCeptoarId(ceptoar).setChannel(channel)
                .setChannelType("email").setOutcome(outcome).setAttempts(1).setAt(Instant.parse("2026-06-01T00:00:00Z"))
                .build();
    }

    static RecordedFeedback feedback(String operator, boolean useful, String comment) {
        return RecordedFeedback.newBuilder().setOperatorId(operator).setUseful(useful).setComment(comment)
                .setActionTaken("").setAt(Instant.parse("2026-06-02T00:00:00Z")).build();
    }

    static IncidentRecord incident(String key, String sector, String occurredAt, boolean exceeded, Tlp tlp) {
        Instant at = Instant.parse(occurredAt);
        return IncidentRecord.newBuilder().setIncidentKey(key).setIncidentId(key).setOperatorId("demo-" + sector + "-operator")
                .setSector(sector).setExercise(false).setStatus(IncidentStatus.OPEN)
                .setClassification(exceeded ? Classification.EXCEEDS_VERIFICATION_LEVEL : Classification.BELOW_VERIFICATION_LEVEL)
                .setEverExceeded(exceeded).setServiceLevelBreached(true).setTlp(tlp).setCause(Cause.CYBER_ATTACK)
                .setCiaImpact(new ArrayList<>(List.of(CiaImpact.AVAILABILITY))).setOccurredAt(at).setOpenedAt(at)
                .setUpdatedAt(at).build();
    }

    static RecordedShare share(String from, String to, String at) {
        return RecordedShare.newBuilder().setFromCeptoar(from).setToCeptoar(to).setAt(Instant.parse(at)).build();
    }

    static ConsoleData data(Collection<IncidentRecord> incidents, Collection<AdvisoryRecord> advisories) {
        return new ConsoleData() {
            @Override
            public Collection<IncidentRecord> incidentRecords(boolean exercise) {
                return exercise ? List.of() : incidents;
            }

            @Override
            public Collection<AdvisoryRecord> advisoryRecords(boolean exercise) {
                return exercise ? List.of() : advisories;
            }
        };
    }
}
