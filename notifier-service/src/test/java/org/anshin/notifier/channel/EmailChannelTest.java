package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.anshin.notifier.Notices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

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
        assertThat(first.getHeader("X-Anshin-Incident-Key")).containsExactly("i1");
        assertThat(channel.render(new Outbound(spec, List.of(Notices.builder("n2", "i1").setIncidentKey("k-2").build())))
                .getHeader("X-Anshin-Incident-Key")).containsExactly("k-2");
    }

    /** GreenMail's plain SMTP offers no STARTTLS: a channel with credentials must refuse to log in there. */
    @Test
    void credentialsOnPlainSmtpWithoutStarttlsAreNeverSentAndNothingIsDelivered() throws Exception {
        String password = "s3cret-Pa55";
        ChannelSpec spec = withLogin(Notices.spec("e", ChannelType.EMAIL, "smtp://127.0.0.1:" + MAIL.getSmtp().getPort()),
                new SmtpLogin("anshin", password));
        MAIL.setUser("anshin", password); // the server would accept the login: only STARTTLS is missing
        SendResult r = new EmailChannel(spec, Duration.ofSeconds(5))
                .send(new Outbound(spec, List.of(Notices.notice("n1", "i1"))));
        assertThat(r.kind()).isEqualTo(SendResult.Kind.PERMANENT);
        assertThat(r.error()).contains("STARTTLS").contains("not sending the password in clear")
                .doesNotContain(password);
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        ChannelSpec anonymous = Notices.spec("e", ChannelType.EMAIL, "smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        assertThat(new EmailChannel(anonymous, Duration.ofSeconds(5))
                .send(new Outbound(anonymous, List.of(Notices.notice("n2", "i1")))).kind())
                .isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    private static ChannelSpec withLogin(ChannelSpec s, SmtpLogin login) {
        return new ChannelSpec(s.id(), s.ceptoarId(), s.type(), s.url(), s.from(), s.to(), s.routingKey(),
                Optional.of(login), s.minClassification(), s.exercise(), s.groupWait(), s.ratePerSecond(), s.maxTlp());
    }
}
