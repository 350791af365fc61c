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

class SlackBodyTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec webhook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");

    @Test
    void slackHasFallbackTextAndBlocks() {
        JsonNode body = SlackBody.render(json, new Outbound(Notices.spec("s", ChannelType.SLACK, "http://h/s"),
                List.of(Notices.notice("n1", "inc-1"))));
        assertThat(body.get("text").asText()).contains("inc-1").contains("exceeds the verification level")
                .contains("検証レベル超過");
        assertThat(body.get("blocks")).hasSize(3);
        assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(body.get("blocks").get(1).get("text").get("text").asText()).contains("supplyLossKw 150000");
    }
}
