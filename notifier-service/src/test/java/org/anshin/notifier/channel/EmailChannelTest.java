package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.anshin.notifier.Notices;
import org.junit.jupiter.api.Test;

class EmailChannelTest {
    @Test
    void aMailServerThatIsDownIsWorthAnotherTry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ChannelSpec spec = Notices.spec("e", ChannelType.EMAIL, "smtp://127.0.0.1:" + port);
        SendResult r = new EmailChannel(spec, Duration.ofSeconds(2))
                .send(new Outbound(spec, List.of(Notices.notice("n1", "i1"))));
        assertThat(r.kind()).isEqualTo(SendResult.Kind.RETRYABLE);
    }

    @Test
    void theMessageIdIsStablePerNoticeAndChannel() throws Exception {
        ChannelSpec spec = Notices.spec("electricity/email-2", ChannelType.EMAIL, "smtp://127.0.0.1:25");
        EmailChannel channel = new EmailChannel(spec, Duration.ofSeconds(2));
        Outbound m = new Outbound(spec, List.of(Notices.notice("n1", "i1")));
        MimeMessage first = channel.render(m);
        MimeMessage again = channel.render(m);
        assertThat(first.getMessageID()).isEqualTo("<n1.electricity/email-2@anshin>").isEqualTo(again.getMessageID());
        assertThat(first.getHeader("X-Anshin-Incident-Id")).containsExactly("i1");
    }
}
