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
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
        Outbound m = new Outbound(spec, List.of(Notices.builder("n1", "i1").setNoticeType(NoticeType.UPDATED).build()));
        MimeMessage first = channel.render(m);
        MimeMessage again = channel.render(m);
        // the domain of from (anshin@example.org): no messageIdDomain on this spec
        assertThat(first.getMessageID()).isEqualTo("<n1.electricity=2Femail-2@example.org>")
                .isEqualTo(again.getMessageID());
        assertThat(first.getHeader("X-Anshin-Incident-Id")).containsExactly("i1");
        assertThat(first.getHeader("X-Anshin-Incident-Key")).containsExactly("i1");
        assertThat(channel.render(new Outbound(spec, List.of(Notices.builder("n2", "i1").setIncidentKey("k-2").build())))
                .getHeader("X-Anshin-Incident-Key")).containsExactly("k-2");
    }

    @Test
    void theNewNoticeIsTheThreadRootAndEveryLaterMessageRepliesToIt() throws Exception {
        ChannelSpec spec = Notices.spec("electricity/email-2", ChannelType.EMAIL, "smtp://127.0.0.1:25")
                .withOptions(new ChannelOptions(Optional.empty(), java.util.Map.of(), false,
                        ChannelOptions.DEFAULT_RESEND_INTERVAL, Optional.of("mail.example.net")));
        EmailChannel channel = new EmailChannel(spec, Duration.ofSeconds(2));
        String root = "<incident.k-1.electricity=2Femail-2@mail.example.net>";
        MimeMessage opening = channel.render(new Outbound(spec, List.of(Notices.builder("n1", "i1")
                .setIncidentKey("k-1").build())));
        assertThat(opening.getMessageID()).isEqualTo(root);
        assertThat(opening.getHeader("In-Reply-To")).isNull();
        assertThat(opening.getHeader("References")).isNull();
        assertThat(opening.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(opening.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
        for (NoticeType type : List.of(NoticeType.UPDATED, NoticeType.ESCALATED, NoticeType.RESOLVED)) {
            MimeMessage later = channel.render(new Outbound(spec, List.of(Notices.builder("n-" + type, "i1")
                    .setIncidentKey("k-1").setNoticeType(type).build())));
            assertThat(later.getMessageID()).isEqualTo("<n-" + type + ".electricity=2Femail-2@mail.example.net>");
            assertThat(later.getHeader("In-Reply-To")).containsExactly(root);
            assertThat(later.getHeader("References")).containsExactly(root);
            assertThat(later.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        }
        // a grouped message that starts with the NEW notice is the root too
        assertThat(channel.render(new Outbound(spec, List.of(Notices.builder("n1", "i1").setIncidentKey("k-1").build(),
                Notices.builder("n2", "i1").setIncidentKey("k-1").setNoticeType(NoticeType.UPDATED).build())))
                .getMessageID()).isEqualTo(root);
    }

    @Test
    void subjectsKeepTheIncidentPartConstantAndMarkDrills() {
        ChannelSpec spec = Notices.spec("e", ChannelType.EMAIL, "smtp://127.0.0.1:25");
        String newOne = MailTemplate.subject(new Outbound(spec, List.of(Notices.builder("n1", "inc-1")
                .setClassification(Classification.BELOW_VERIFICATION_LEVEL).build())));
        String escalated = MailTemplate.subject(new Outbound(spec, List.of(Notices.builder("n2", "inc-1")
                .setNoticeType(NoticeType.ESCALATED).build())));
        assertThat(newOne).isEqualTo("[Anshin][electricity] incident inc-1: NEW [BELOW]");
        assertThat(escalated).isEqualTo("[Anshin][electricity] incident inc-1: ESCALATED [EXCEEDS]");
        String drill = MailTemplate.subject(new Outbound(spec, List.of(Notices.builder("n3", "inc-1")
                .setExercise(true).build())));
        assertThat(drill).isEqualTo("[Anshin][EXERCISE 演習][electricity] incident inc-1: NEW [EXCEEDS]");
    }

    /** RFC 5322 dot-atom-text: atext runs separated by single dots. */
    private static final java.util.regex.Pattern DOT_ATOM =
            java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    @Property(tries = 500)
    void msgIdSafeTextIsADotAtomAndDistinctForDistinctInput(@ForAll String a, @ForAll String b) {
        Assume.that(!a.isEmpty() && !b.isEmpty());
        assertThat(MailTemplate.msgIdSafe(a)).matches(DOT_ATOM);
        if (!a.equals(b)) {
            assertThat(MailTemplate.msgIdSafe(a)).isNotEqualTo(MailTemplate.msgIdSafe(b));
        }
    }

    @Test
    void msgIdSafeKeepsOrdinaryIdsReadable() {
        assertThat(MailTemplate.msgIdSafe("0f3c-9a.electricity/email-2")).isEqualTo("0f3c-9a.electricity=2Femail-2");
        assertThat(MailTemplate.msgIdSafe(".a..b.")).isEqualTo("=2Ea.=2Eb=2E");
        assertThat(MailTemplate.msgIdSafe("a=b 電")).isEqualTo("a=3Db=20=E9=9B=BB");
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
