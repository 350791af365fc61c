package org.anshin.tools.report;

import static org.anshin.tools.report.YearOfIncidents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Cause;
import org.anshin.schemas.CiaImpact;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.RecordedDelivery;
import org.anshin.schemas.RecordedFeedback;
import org.anshin.schemas.RecordedShare;
import org.anshin.schemas.Tlp;

/**
 * A fiscal year of advisories and incident shares, made by hand so that every figure of the sharing review is
 * known: advisories on both edges of FY2026 in Japan time, a secretariat-only one, one to every sector, feedback
 * changed, feedback of an operator not addressed, a contact whose id is a prefix of another's, shares on both
 * edges, a share repeated, a CEPTOAR the config does not list; and drills. {@link #assertFigures} checks them.
 */
final class YearOfAdvisories {
    /** Sectors and CEPTOARs: finance has two sectors; op-multi reports for two sectors of two CEPTOARs. */
    static final SharingDirectory DIRECTORY = new SharingDirectory(ceptoars(), operators());

    private YearOfAdvisories() {
    }

    private static Map<String, String> ceptoars() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gas", "gas");
        m.put("electricity", "electricity");
        m.put("banking", "finance");
        m.put("securities", "finance");
        return m;
    }

    private static Map<String, Set<String>> operators() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("op-gas", Set.of("gas"));
        m.put("op-gas-2", Set.of("gas"));
        m.put("op-elec", Set.of("electricity"));
        m.put("op-multi", Set.of("gas", "electricity"));
        m.put("op-bank", Set.of("banking"));
        m.put("op-sec", Set.of("securities"));
        return m;
    }

    /** What advisories.record holds: 4 advisories in FY2026, 2 just outside. */
    static List<AdvisoryRecord> real() {
        List<AdvisoryRecord> r = new ArrayList<>();
        // the first instant of FY2026
        r.add(record(advisory("a1", "nisc", "nisc", AdvisorySeverity.CRITICAL, Tlp.GREEN, false,
                List.of("gas", "electricity"), "2026-04-01T00:00:00.000"), List.of("gas", "electricity"),
                List.of(delivery("gas/webhook", DeliveryOutcome.DELIVERED), // the CEPTOAR's own channel: no operator
                        delivery("op-gas/email", DeliveryOutcome.DELIVERED),
                        delivery("op-gas-2/webhook", DeliveryOutcome.FAILED),
                        delivery("op-elec/email", DeliveryOutcome.DELIVERED),
                        delivery("op-multi/email", DeliveryOutcome.SKIPPED)),
                List.of(feedback("op-gas", true, "2026-04-02T09:00:00.000"),
                        feedback("op-elec", false, "2026-04-02T09:00:00.000"),
                        feedback("op-elec", true, "2026-04-03T09:00:00.000"), // changed its mind: latest counts
                        feedback("op-multi", false, "2026-04-02T10:00:00.000"), // answered: reached without delivery
                        feedback("op-bank", true, "2026-04-02T11:00:00.000")))); // not addressed: not counted
        // the last instant of FY2026; AMBER+STRICT: the secretariats only, a stray delivery counts for nobody
        r.add(record(advisory("a2", "gas", "ceptoar", AdvisorySeverity.WARNING, Tlp.AMBER_STRICT, false,
                List.of("gas"), "2027-03-31T23:59:59.999"), List.of("gas"),
                List.of(delivery("op-gas/email", DeliveryOutcome.DELIVERED)), List.of()));
        // every sector; the request's sectors list is left empty on purpose: allSectors decides
        r.add(record(advisory("a3", "nisc", "nisc", AdvisorySeverity.INFO, Tlp.CLEAR, true, List.of(),
                "2026-06-01T12:00:00.000"), List.of("gas", "electricity", "finance"),
                List.of(delivery("op-bank/email", DeliveryOutcome.DELIVERED),
                        delivery("op-sec/email", DeliveryOutcome.DELIVERED),
                        // "op-gas" is a prefix of "op-gas-2": this delivery reaches op-gas-2, not op-gas
                        delivery("op-gas-2/email", DeliveryOutcome.DELIVERED)),
                List.of(feedback("op-sec", true, "2026-06-02T09:00:00.000"))));
        r.add(record(advisory("a6", "fsa", "ministry", AdvisorySeverity.CRITICAL, Tlp.AMBER, false,
                List.of("banking"), "2026-10-10T10:00:00.000"), List.of("finance"), List.of(), List.of()));
        // the last instant of FY2025 and the first of FY2027
        r.add(record(advisory("a4", "nisc", "nisc", AdvisorySeverity.WARNING, Tlp.GREEN, false, List.of("gas"),
                "2026-03-31T23:59:59.999"), List.of("gas"), List.of(), List.of()));
        r.add(record(advisory("a5", "meti", "ministry", AdvisorySeverity.INFO, Tlp.GREEN, false,
                List.of("electricity"), "2027-04-01T00:00:00.000"), List.of("electricity"), List.of(), List.of()));
        return r;
    }

    /** What exercise.advisories.record holds: one drill advisory to gas, reached and useful. */
    static List<AdvisoryRecord> drills() {
        AdvisoryRecord d = record(advisory("d1", "nisc", "nisc", AdvisorySeverity.WARNING, Tlp.GREEN, false,
                List.of("gas"), "2026-11-11T11:00:00.000"), List.of("gas"),
                List.of(delivery("op-gas/email", DeliveryOutcome.DELIVERED)),
                List.of(feedback("op-gas", true, "2026-11-11T12:00:00.000")));
        d.getAdvisory().setExercise(true);
        return List.of(d);
    }

    /** Incident records with shares; they occurred in FY2026 but the shares count by their own time. */
    static List<IncidentRecord> incidents() {
        return List.of(
                shared("i1", "gas", share("gas", "electricity", "2026-04-01T00:00:00.000"),
                        share("gas", "finance", "2027-03-31T23:59:59.999"),
                        share("gas", "electricity", "2026-05-01T00:00:00.000")), // the same share again: once
                shared("i2", "electricity", share("electricity", "gas", "2026-03-31T23:59:59.999"), // FY2025
                        share("electricity", "gas", "2026-07-01T00:00:00.000")),
                shared("i3", "gas", share("gas", "electricity", "2027-04-01T00:00:00.000")), // FY2027
                shared("i4", "water", share("water", "gas", "2026-08-01T00:00:00.000"))); // water: not configured
    }

    static void assertFigures(Review review) {
        SharingFigures f = review.sharing();
        assertThat(f.advisoriesRead()).isTrue();
        assertThat(f.advisoriesOutsideRange()).isEqualTo(2);
        assertThat(f.issuers()).extracting(SharingFigures.IssuerRow::issuerId).containsExactly("fsa", "gas", "nisc");
        issuer(f.issuer("fsa").orElseThrow(), "ministry", 1, 0, 0, 1);
        issuer(f.issuer("gas").orElseThrow(), "ceptoar", 1, 0, 1, 0);
        issuer(f.issuer("nisc").orElseThrow(), "nisc", 2, 1, 0, 1);
        issuer(f.issuersTotal(), null, 4, 1, 1, 2);

        assertThat(f.ceptoars()).extracting(SharingFigures.CeptoarRow::ceptoarId)
                .containsExactly("gas", "electricity", "finance", "water");
        // received, shared by, shared to, addressed, reached, answered, useful
        assertThat(f.ceptoar("gas").orElseThrow()).isEqualTo(row("gas", 3, 1, 2, 6, 3, 2, 1));
        assertThat(f.ceptoar("electricity").orElseThrow()).isEqualTo(row("electricity", 2, 1, 1, 4, 2, 2, 1));
        assertThat(f.ceptoar("finance").orElseThrow()).isEqualTo(row("finance", 2, 0, 1, 3, 2, 1, 1));
        assertThat(f.ceptoar("water").orElseThrow()).isEqualTo(row("water", 0, 1, 0, 0, 0, 0, 0));
        // op-multi is addressed through gas and electricity but is one operator of a1: 4, not 5
        assertThat(f.total()).isEqualTo(row(null, 4, 3, 4, 11, 6, 4, 3));
        assertThat(f.total().usefulOfAnswered()).contains(0.75);
        assertThat(f.total().usefulOfReached()).contains(0.5);
        assertThat(f.ceptoar("gas").orElseThrow().usefulOfAnswered()).contains(0.5);
        assertThat(f.ceptoar("water").orElseThrow().usefulOfReached()).isEmpty();

        SharingFigures d = review.sharingDrills();
        assertThat(d.issuersTotal().issued()).isEqualTo(1);
        assertThat(d.total()).isEqualTo(row(null, 1, 0, 0, 3, 1, 1, 1));
        assertThat(d.ceptoar("gas").orElseThrow()).isEqualTo(row("gas", 1, 0, 0, 3, 1, 1, 1));
    }

    private static void issuer(SharingFigures.IssuerRow r, String role, int issued, int info, int warning,
                               int critical) {
        assertThat(r.role()).as("role of %s", r.issuerId()).isEqualTo(role);
        assertThat(r.issued()).as("issued by %s", r.issuerId()).isEqualTo(issued);
        assertThat(r.bySeverity()).as("severities of %s", r.issuerId()).containsExactly(
                Map.entry(AdvisorySeverity.INFO, info), Map.entry(AdvisorySeverity.WARNING, warning),
                Map.entry(AdvisorySeverity.CRITICAL, critical));
    }

    static SharingFigures.CeptoarRow row(String id, int received, int sharedBy, int sharedTo, int addressed,
                                         int reached, int answered, int useful) {
        return new SharingFigures.CeptoarRow(id, received, sharedBy, sharedTo, addressed, reached, answered, useful);
    }

    static Advisory advisory(String id, String issuer, String role, AdvisorySeverity severity, Tlp tlp,
                             boolean allSectors, List<String> sectors, String issuedJst) {
        return Advisory.newBuilder().setAdvisoryId(id).setIssuerId(issuer).setIssuerRole(role).setTitle("title " + id)
                .setBody("body").setSeverity(severity).setTlp(tlp).setAllSectors(allSectors)
                .setSectors(new ArrayList<>(sectors)).setExercise(false).setIssuedAt(jst(issuedJst)).build();
    }

    static AdvisoryRecord record(Advisory a, List<String> recipients, List<RecordedDelivery> deliveries,
                                 List<RecordedFeedback> feedback) {
        return AdvisoryRecord.newBuilder().setAdvisory(a).setRecipients(new ArrayList<>(recipients))
                .setDeliveries(new ArrayList<>(deliveries)).setFeedback(new ArrayList<>(feedback))
                .setUpdatedAt(a.getIssuedAt().plusSeconds(3600)).build();
    }

    static RecordedDelivery delivery(String channel, DeliveryOutcome outcome) {
        return RecordedDelivery.newBuilder().setNoticeId("n-" + channel).setCeptoarId("gas").setChannel(channel)
                .setChannelType("email").setOutcome(outcome).setAttempts(outcome == DeliveryOutcome.SKIPPED ? 0 : 1)
                .setAt(Instant.parse("2026-06-01T00:00:00Z")).build();
    }

    static RecordedFeedback feedback(String operator, boolean useful, String atJst) {
        return RecordedFeedback.newBuilder().setOperatorId(operator).setUseful(useful).setAt(jst(atJst)).build();
    }

    static RecordedShare share(String from, String to, String atJst) {
        return RecordedShare.newBuilder().setFromCeptoar(from).setToCeptoar(to).setAt(jst(atJst)).build();
    }

    private static IncidentRecord shared(String key, String sector, RecordedShare... shares) {
        IncidentRecord r = YearOfIncidents.incident(key, sector, "2026-06-01T00:00:00.000", true, false,
                Cause.UNKNOWN, List.of(CiaImpact.AVAILABILITY), null);
        r.setShares(new ArrayList<>(List.of(shares)));
        return r;
    }
}
