package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.schemas.IncidentNotice;
import org.junit.jupiter.api.Test;

class OutboundTest {
    private final ChannelSpec hook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");
    private final IncidentNotice n1 = Notices.notice("n1", "inc-1");
    private final IncidentNotice n2 = Notices.notice("n2", "inc-1");
    private final IncidentNotice n3 = Notices.notice("n3", "inc-1");

    @Test
    void theMessageCarryingTheFirstNoticeHasTheSameKeyWhateverTheBatchSplit() {
        String whole = new Outbound(hook, List.of(n1, n2, n3)).idempotencyKey();
        String firstTwo = new Outbound(hook, List.of(n1, n2)).idempotencyKey();
        String alone = new Outbound(hook, List.of(n1)).idempotencyKey();
        assertThat(whole).isEqualTo(firstTwo).isEqualTo(alone).isEqualTo("n1.electricity/webhook-1");
        assertThat(new Outbound(hook, List.of(n3)).idempotencyKey()).isEqualTo("n3.electricity/webhook-1");
    }

    @Test
    void theKeyDiffersPerChannel() {
        ChannelSpec other = Notices.spec("electricity/webhook-2", ChannelType.WEBHOOK, "http://h/other");
        assertThat(new Outbound(hook, List.of(n1, n2)).idempotencyKey())
                .isNotEqualTo(new Outbound(other, List.of(n1, n2)).idempotencyKey());
    }
}
