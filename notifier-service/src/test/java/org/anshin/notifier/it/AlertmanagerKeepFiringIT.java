package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.Notices;
import org.anshin.notifier.alerting.AlertKeeper;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Alertmanager with a 3 s {@code resolve_timeout}, the notifier on the real broker: an open
 * incident's alert stays active far beyond it, stays one alert across an escalation, ends on RESOLVED, and is
 * kept firing by the next instance after a restart.
 */
@WithKafkaAndRegistry
class AlertmanagerKeepFiringIT {
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);
    private final Infra infra;
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    AlertmanagerKeepFiringIT(Infra infra) {
        this.infra = infra;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private NotifierService start(SimpleMeterRegistry meters) {
        NotifierService s = harness.start(meters);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(s::ready);
        return s;
    }

    private static double reposts(SimpleMeterRegistry meters) {
        return meters.get(AlertKeeper.REPOSTS).tag("outcome", "delivered").counter().count();
    }

    @Test
    void anOpenIncidentStaysOneActiveAlertThroughAnEscalationAndEndsOnResolved() throws Exception {
        try (Alertmanager am = Alertmanager.startOrSkip(dir.resolve("am"), RESOLVE_TIMEOUT)) {
            harness = new NotifierHarness(infra, dir, """
                          - type: alertmanager
                            url: %s
                            resendInterval: 1s
                    """.formatted(am.url()));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            service = start(meters);
            harness.publish(Notices.builder("k-1", "inc-keep").setIncidentKey("key-keep")
                    .setClassification(Classification.BELOW_VERIFICATION_LEVEL).setReason("below").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> am.activeAlerts().size() == 1);
            JsonNode first = am.activeAlerts().get(0);
            assertThat(first.get("labels").get("incident_key").asText()).isEqualTo("key-keep");
            assertThat(first.get("annotations").get("classification").asText()).isEqualTo("BELOW_VERIFICATION_LEVEL");
            assertThat(first.get("generatorURL").asText()).isEqualTo("http://127.0.0.1:8084/incidents/key-keep");

            // twice the resolve timeout (and then some): without re-posts it would have ended after 3 s, or at the
            // endsAt of 2 s ahead
            await().during(RESOLVE_TIMEOUT.multipliedBy(2).plusSeconds(1)).atMost(RESOLVE_TIMEOUT.multipliedBy(3))
                    .until(() -> am.activeAlerts().size() == 1);
            assertThat(reposts(meters)).isGreaterThanOrEqualTo(5);

            harness.publish(Notices.builder("k-2", "inc-keep").setIncidentKey("key-keep")
                    .setNoticeType(NoticeType.ESCALATED).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> am.activeAlerts().size() == 1 && am.activeAlerts().get(0)
                    .get("annotations").get("classification").asText().equals("EXCEEDS_VERIFICATION_LEVEL"));
            await().during(RESOLVE_TIMEOUT).atMost(RESOLVE_TIMEOUT.plusSeconds(2))
                    .until(() -> am.alerts().size() == 1 && am.activeAlerts().size() == 1);
            JsonNode escalated = am.activeAlerts().get(0);
            assertThat(escalated.get("labels")).isEqualTo(first.get("labels"));
            assertThat(escalated.get("annotations").get("severity").asText()).isEqualTo("critical");
            assertThat(escalated.get("fingerprint").asText()).isEqualTo(first.get("fingerprint").asText());
            assertThat(escalated.get("startsAt").asText()).isEqualTo(first.get("startsAt").asText());

            harness.publish(Notices.builder("k-3", "inc-keep").setIncidentKey("key-keep")
                    .setNoticeType(NoticeType.RESOLVED).setResolvedAt(java.time.Instant.now()).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> am.activeAlerts().isEmpty());
            // and it stays ended: no re-post revives it
            await().during(RESOLVE_TIMEOUT).atMost(RESOLVE_TIMEOUT.plusSeconds(2)).until(() -> am.alerts().isEmpty());
            assertThat(service.keeper().orElseThrow().open()).isEmpty();
        }
    }

    @Test
    void anInstanceStartedAfterARestartKeepsFiringWhatThePreviousOneDelivered() throws Exception {
        try (Alertmanager am = Alertmanager.startOrSkip(dir.resolve("am"), RESOLVE_TIMEOUT)) {
            // 3 s: the alert's endsAt (6 s ahead) rides the restart gap
            harness = new NotifierHarness(infra, dir, """
                          - type: alertmanager
                            url: %s
                            resendInterval: 3s
                    """.formatted(am.url()));
            NotifierService first = start(new SimpleMeterRegistry());
            harness.publish(Notices.builder("r-1", "inc-restart").setIncidentKey("key-restart").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> am.activeAlerts().size() == 1);
            String startsAt = am.activeAlerts().get(0).get("startsAt").asText();
            first.close();

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            service = start(meters);
            assertThat(service.keeper().orElseThrow().open()).as("loaded from the firing topic")
                    .containsExactly("electricity/alertmanager-1|key-restart");
            await("the new instance re-posts it").atMost(Duration.ofSeconds(10)).until(() -> reposts(meters) >= 1);
            // well past the endsAt of the first instance's last post (6 s) and twice the resolve timeout
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                    .until(() -> am.activeAlerts().size() == 1);
            assertThat(am.activeAlerts().get(0).get("startsAt").asText()).isEqualTo(startsAt);
            assertThat(reposts(meters)).isGreaterThanOrEqualTo(3);
        }
    }
}
