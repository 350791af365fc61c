package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class AlertmanagerBodyTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec webhook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");

    @Test
    void alertmanagerLabelsTheAlertAndEndsItOnResolved() {
        ChannelSpec am = Notices.spec("a", ChannelType.ALERTMANAGER, "http://h:9093");
        JsonNode open = AlertmanagerBody.render(json, new Outbound(am, List.of(Notices.notice("n1", "inc-1"))));
        assertThat(open.isArray()).isTrue();
        JsonNode labels = open.get(0).get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo("AnshinIncident");
        assertThat(labels.get("sector").asText()).isEqualTo("electricity");
        assertThat(labels.get("ceptoar").asText()).isEqualTo("electricity");
        assertThat(labels.get("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
        assertThat(open.get(0).get("annotations").get("reason").asText()).contains("150000");
        assertThat(open.get(0).has("endsAt")).isFalse();

        JsonNode resolved = AlertmanagerBody.render(json, new Outbound(am, List.of(Notices.builder("n2", "inc-1")
                .setNoticeType(NoticeType.RESOLVED).setResolvedAt(Notices.OCCURRED.plusSeconds(3600)).build())));
        assertThat(resolved.get(0).get("endsAt").asText()).isEqualTo("2026-11-25T01:00:00Z");
        assertThat(HttpJsonChannel.alertsEndpoint(am.url()).toString()).isEqualTo("http://h:9093/api/v2/alerts");
    }
}
