package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.tools.report.AnnualReview;
import org.anshin.tools.report.FiscalYear;
import org.anshin.tools.report.SvgChart;
import org.junit.jupiter.api.Test;

class AnnualReviewTest {
    private final AnnualReview review = new AnnualReview(new FiscalYear(2026));

    @Test
    void fiscalYearRunsAprilToMarchInJapanTime() {
        FiscalYear fy = new FiscalYear(2026);
        assertThat(fy.contains(Instant.parse("2026-03-31T14:59:59Z"))).isFalse(); // 23:59:59 JST Mar 31
        assertThat(fy.contains(Instant.parse("2026-03-31T15:00:00Z"))).isTrue();  // 00:00 JST Apr 1
        assertThat(fy.contains(Instant.parse("2027-03-31T14:59:59Z"))).isTrue();
        assertThat(fy.contains(Instant.parse("2027-03-31T15:00:00Z"))).isFalse();
    }

    @Test
    void countsIncidentsBeyondTheLevelOncePerIncidentByCause() {
        Instant inYear = Instant.parse("2026-11-25T00:00:00Z");
        review.add("nisc.incidents", notice("e1", "electricity", Classification.BELOW_VERIFICATION_LEVEL, Cause.DISASTER, inYear, false));
        review.add("nisc.incidents", notice("e1", "electricity", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, inYear, false));
        review.add("nisc.incidents", notice("e1", "electricity", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, inYear, false));
        review.add("nisc.incidents", notice("b1", "banking", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.CYBER_ATTACK, inYear, false));
        review.add("nisc.incidents", notice("b2", "banking", Classification.BELOW_VERIFICATION_LEVEL, Cause.UNKNOWN, inYear, false));
        // not counted: another fiscal year, and a drill
        review.add("nisc.incidents", notice("old", "gas", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER,
                Instant.parse("2026-01-10T00:00:00Z"), false));
        review.add("exercise.nisc.incidents", notice("drill", "gas", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, inYear, true));
        review.add("ceptoar.electricity.incidents", notice("e1", "electricity", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, inYear, false));

        assertThat(review.exceedancesBySectorAndCause()).isEqualTo(Map.of(
                "electricity", Map.of(Cause.DISASTER, 1), "banking", Map.of(Cause.CYBER_ATTACK, 1)));
        assertThat(review.incidentsBySector()).isEqualTo(Map.of("electricity", 1, "banking", 2));
        assertThat(review.sharedPerCeptoar()).isEqualTo(Map.of("electricity", 1));
    }

    @Test
    void twoOperatorsIncidentsSharingAnIncidentIdAreCountedAsTwo() {
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        IncidentNotice a = notice("INC-0001", "gas", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, t, false);
        IncidentNotice b = notice("INC-0001", "gas", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, t, false);
        a.setIncidentKey("key-of-operator-a");
        b.setIncidentKey("key-of-operator-b");
        review.add("nisc.incidents", a);
        review.add("nisc.incidents", b);
        review.add("nisc.incidents", a);
        assertThat(review.incidentsBySector()).isEqualTo(Map.of("gas", 2));
        assertThat(review.exceedancesBySectorAndCause()).isEqualTo(Map.of("gas", Map.of(Cause.DISASTER, 2)));
    }

    @Test
    void chartIsWellFormedSvgWithOneBarPerCause() throws Exception {
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        review.add("nisc.incidents", notice("a", "water", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.DISASTER, t, false));
        review.add("nisc.incidents", notice("b", "water", Classification.EXCEEDS_VERIFICATION_LEVEL, Cause.CYBER_ATTACK, t, false));
        String svg = SvgChart.render(review);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg).contains("<title>DISASTER: 1</title>").contains("<title>CYBER_ATTACK: 1</title>").contains(">water<");
    }

    private static IncidentNotice notice(String incident, String sector, Classification c, Cause cause, Instant occurred,
                                         boolean exercise) {
        return IncidentNotice.newBuilder().setNoticeId(incident + "-" + c + "-" + Math.random()).setIncidentId(incident)
                .setSector(sector).setCeptoarId(sector).setNoticeType(NoticeType.NEW).setClassification(c)
                .setReason("r").setTlp(Tlp.GREEN).setExercise(exercise).setCause(cause).setOccurredAt(occurred)
                .setClassifiedAt(occurred.plusSeconds(60)).build();
    }
}
