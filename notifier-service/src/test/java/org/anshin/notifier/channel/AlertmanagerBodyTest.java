package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Impact;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class AlertmanagerBodyTest {
    private static final Instant NOW = Notices.OCCURRED.plusSeconds(7200);
    private final ObjectMapper json = new ObjectMapper();
    private final IncidentLinks links = new IncidentLinks("https://console.example.org/incidents/{incidentKey}");
    private final ChannelSpec am = Notices.spec("a", ChannelType.ALERTMANAGER, "http://h:9093")
            .withOptions(new ChannelOptions(java.util.Optional.empty(), java.util.Map.of(), false,
                    Duration.ofSeconds(30), java.util.Optional.empty()));

    private JsonNode render(org.anshin.schemas.IncidentNotice n) {
        JsonNode body = AlertmanagerBody.render(json, new Outbound(am, List.of(n)), links, NOW);
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        return body.get(0);
    }

    @Test
    void labelsAreTheIdentityAndTheStateIsInAnnotations() {
        JsonNode open = render(Notices.builder("n1", "inc-1").setIncidentKey("k-1").build());
        JsonNode labels = open.get("labels");
        assertThat(labels.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("alertname", "incident_key", "incident", "sector", "ceptoar");
        assertThat(labels.get("alertname").asText()).isEqualTo("AnshinIncident");
        assertThat(labels.get("incident_key").asText()).isEqualTo("k-1");
        assertThat(labels.get("incident").asText()).isEqualTo("inc-1");
        assertThat(labels.get("sector").asText()).isEqualTo("electricity");
        assertThat(labels.get("ceptoar").asText()).isEqualTo("electricity");
        JsonNode annotations = open.get("annotations");
        assertThat(annotations.get("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
        assertThat(annotations.get("severity").asText()).isEqualTo("critical");
        assertThat(annotations.get("notice_type").asText()).isEqualTo("NEW");
        assertThat(annotations.get("tlp").asText()).isEqualTo("TLP:GREEN");
        assertThat(annotations.get("reason").asText()).contains("150000");
        assertThat(open.get("startsAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(open.get("generatorURL").asText()).isEqualTo("https://console.example.org/incidents/k-1");
    }

    @Test
    void theLabelsDoNotChangeBetweenNewEscalatedAndUpdatedWithAnotherClassificationAndImpact() {
        JsonNode created = render(Notices.builder("n1", "inc-1").setIncidentKey("k-1")
                .setClassification(Classification.BELOW_VERIFICATION_LEVEL).setReason("below")
                .setImpact(Impact.newBuilder().setSupplyLossKw(10L).build()).setTlp(Tlp.GREEN).build());
        JsonNode escalated = render(Notices.builder("n2", "inc-1").setIncidentKey("k-1")
                .setNoticeType(NoticeType.ESCALATED).setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL)
                .setImpact(Impact.newBuilder().setSupplyLossKw(150_000L).build()).setTlp(Tlp.AMBER).build());
        JsonNode updated = render(Notices.builder("n3", "inc-1").setIncidentKey("k-1")
                .setNoticeType(NoticeType.UPDATED).setSummary("other text").setReason("changed")
                .setImpact(Impact.newBuilder().setSupplyLossKw(300_000L).build()).build());

        assertThat(escalated.get("labels")).isEqualTo(created.get("labels"));
        assertThat(updated.get("labels")).isEqualTo(created.get("labels"));
        assertThat(created.get("annotations").get("severity").asText()).isEqualTo("warning");
        assertThat(escalated.get("annotations").get("severity").asText()).isEqualTo("critical");
        assertThat(escalated.get("annotations").get("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
        assertThat(escalated.get("annotations").get("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(updated.get("annotations").get("reason").asText()).isEqualTo("changed");
        assertThat(updated.get("startsAt")).isEqualTo(created.get("startsAt"));
    }

    @Test
    void drillsAndCascadeWarningsHaveTheirOwnAlertnameAndDrillsAStableExerciseLabel() {
        JsonNode drill = render(Notices.builder("x1", "inc-1").setExercise(true).build());
        assertThat(drill.get("labels").get("alertname").asText()).isEqualTo("AnshinExerciseIncident");
        assertThat(drill.get("labels").get("exercise").asText()).isEqualTo("true");
        JsonNode drillUpdate = render(Notices.builder("x2", "inc-1").setExercise(true)
                .setNoticeType(NoticeType.ESCALATED).build());
        assertThat(drillUpdate.get("labels")).isEqualTo(drill.get("labels"));
        assertThat(render(Notices.notice("n1", "inc-1")).get("labels").has("exercise")).isFalse();

        JsonNode cascade = render(Notices.builder("c1", "inc-1").setNoticeType(NoticeType.CASCADE_WARNING)
                .setCeptoarId("gas").build());
        assertThat(cascade.get("labels").get("alertname").asText()).isEqualTo("AnshinCascadeWarning");
        assertThat(cascade.has("endsAt")).as("never re-posted: the receiver's resolve_timeout ends it").isFalse();
    }

    @Test
    void anOpenIncidentEndsTwoResendIntervalsAheadAndAResolvedOneAtItsResolvedAt() {
        assertThat(render(Notices.notice("n1", "inc-1")).get("endsAt").asText())
                .isEqualTo(NOW.plusSeconds(60).toString());
        JsonNode resolved = render(Notices.builder("n2", "inc-1").setNoticeType(NoticeType.RESOLVED)
                .setResolvedAt(Notices.OCCURRED.plusSeconds(3600)).build());
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-11-25T01:00:00Z");
        assertThat(resolved.get("labels")).isEqualTo(render(Notices.notice("n1", "inc-1")).get("labels"));
    }

    @Test
    void endsAtIsNeverBeforeStartsAtNorAResolvedOneInTheFuture() {
        Duration i = Duration.ofSeconds(30);
        var future = Notices.builder("n1", "inc-1").setOccurredAt(NOW.plusSeconds(600)).build();
        assertThat(AlertmanagerBody.endsAt(future, i, NOW)).isEqualTo(NOW.plusSeconds(660));
        var resolvedLater = Notices.builder("n2", "inc-1").setNoticeType(NoticeType.RESOLVED)
                .setResolvedAt(NOW.plusSeconds(100)).build();
        assertThat(AlertmanagerBody.endsAt(resolvedLater, i, NOW)).isEqualTo(NOW);
        var resolvedBeforeStart = Notices.builder("n3", "inc-1").setNoticeType(NoticeType.RESOLVED)
                .setResolvedAt(Notices.OCCURRED.minusSeconds(5)).build();
        assertThat(AlertmanagerBody.endsAt(resolvedBeforeStart, i, NOW)).isEqualTo(Notices.OCCURRED);
        var resolvedWithoutTime = Notices.builder("n4", "inc-1").setNoticeType(NoticeType.RESOLVED)
                .setClassifiedAt(Notices.OCCURRED.plusSeconds(50)).build();
        assertThat(AlertmanagerBody.endsAt(resolvedWithoutTime, i, NOW)).isEqualTo(Notices.OCCURRED.plusSeconds(50));
    }

    @Test
    void aRepostIsTheStoredAlertWithAFreshEndsAt() {
        var alert = AlertmanagerBody.alert(json, Notices.notice("n1", "inc-1"), links);
        JsonNode body = AlertmanagerBody.post(json, alert, NOW.plusSeconds(60));
        assertThat(body.get(0).get("endsAt").asText()).isEqualTo(NOW.plusSeconds(60).toString());
        assertThat(body.get(0).get("labels")).isEqualTo(alert.get("labels"));
        assertThat(alert.has("endsAt")).as("the stored alert is not changed").isFalse();
        assertThat(AlertmanagerBody.endpoint(am.url()).toString()).isEqualTo("http://h:9093/api/v2/alerts");
    }
}
