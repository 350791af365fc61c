package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail threads end to end: notices through the real broker and registry to a real SMTP server (GreenMail). One
 * incident's NEW, UPDATED, ESCALATED and RESOLVED are one thread; another incident is another; a retried send
 * carries the same Message-ID; drills say so in the subject.
 */
@WithKafkaAndRegistry
class EmailThreadingIT {
    @RegisterExtension
    // a free port, not 3025: other test runs on the machine may hold that one
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final Infra infra;
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    EmailThreadingIT(Infra infra) {
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

    private static String mailChannel(String id, int smtpPort, String extra) {
        return """
                      - type: email
                        id: %s
                        smtp: smtp://127.0.0.1:%d
                        from: anshin@example.org
                        to: [%s@example.org]
                        messageIdDomain: notices.example.net
                        exercise: true
                """.formatted(id, smtpPort, id.replace('/', '-')) + extra;
    }

    private void start(int smtpPort) throws Exception {
        start(mailChannel("electricity/oncall-mail", smtpPort, ""));
    }

    private void start(String channels) throws Exception {
        harness = new NotifierHarness(infra, dir, channels);
        service = harness.start(new SimpleMeterRegistry());
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);
    }

    private static String header(MimeMessage m, String name) throws Exception {
        String[] v = m.getHeader(name);
        return v == null ? null : String.join(",", v);
    }

    private static IncidentNotice notice(String id, String incident, String key, NoticeType type) {
        return Notices.builder(id, incident).setIncidentKey(key).setNoticeType(type).build();
    }

    @Test
    void oneIncidentIsOneThreadAndAnotherIncidentAnotherOne() throws Exception {
        start(MAIL.getSmtp().getPort());
        harness.publish(notice("t-1", "inc-1", "key-1", NoticeType.NEW),
                notice("t-2", "inc-1", "key-1", NoticeType.UPDATED),
                notice("t-3", "inc-1", "key-1", NoticeType.ESCALATED),
                notice("t-4", "inc-1", "key-1", NoticeType.RESOLVED),
                notice("u-1", "inc-2", "key-2", NoticeType.NEW),
                notice("u-2", "inc-2", "key-2", NoticeType.UPDATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.getReceivedMessages().length == 6);

        List<MimeMessage> first = byNotice(MAIL.getReceivedMessages(), "t-");
        assertThat(first).hasSize(4);
        String root = "<incident.key-1.electricity=2Foncall-mail@notices.example.net>";
        assertThat(first.get(0).getMessageID()).isEqualTo(root);
        assertThat(header(first.get(0), "In-Reply-To")).isNull();
        for (MimeMessage later : first.subList(1, 4)) {
            assertThat(header(later, "In-Reply-To")).isEqualTo(root);
            assertThat(header(later, "References")).isEqualTo(root);
            assertThat(later.getMessageID()).endsWith(".electricity=2Foncall-mail@notices.example.net>");
        }
        assertThat(first).extracting(MimeMessage::getMessageID).doesNotHaveDuplicates();
        assertThat(first).extracting(m -> header(m, "X-Anshin-Notice-Id")).containsExactly("t-1", "t-2", "t-3", "t-4");
        assertThat(first).extracting(MimeMessage::getSubject).allSatisfy(s ->
                assertThat(s).startsWith("[Anshin][electricity] incident inc-1: ")).containsExactly(
                "[Anshin][electricity] incident inc-1: NEW [EXCEEDS]",
                "[Anshin][electricity] incident inc-1: UPDATED [EXCEEDS]",
                "[Anshin][electricity] incident inc-1: ESCALATED [EXCEEDS]",
                "[Anshin][electricity] incident inc-1: RESOLVED [EXCEEDS]");
        for (MimeMessage m : first) {
            assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(header(m, "X-Auto-Response-Suppress")).isEqualTo("All");
            MimeMultipart parts = (MimeMultipart) m.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        }

        List<MimeMessage> second = byNotice(MAIL.getReceivedMessages(), "u-");
        String otherRoot = "<incident.key-2.electricity=2Foncall-mail@notices.example.net>";
        assertThat(second.get(0).getMessageID()).isEqualTo(otherRoot);
        assertThat(header(second.get(1), "References")).isEqualTo(otherRoot);
    }

    /**
     * A channel that first hears of an incident at ESCALATED (minClassification EXCEEDS, the NEW was below)
     * still refers to the root it never got: clients thread on References with the parent missing.
     */
    @Test
    void aChannelThatFirstHearsOfTheIncidentAtEscalatedStillThreads() throws Exception {
        int port = MAIL.getSmtp().getPort();
        start(mailChannel("electricity/all", port, "") + mailChannel("electricity/exceeding", port,
                "        minClassification: EXCEEDS_VERIFICATION_LEVEL\n"));
        harness.publish(Notices.builder("e-1", "inc-e").setIncidentKey("key-e")
                        .setClassification(org.anshin.schemas.Classification.BELOW_VERIFICATION_LEVEL).build(),
                notice("e-2", "inc-e", "key-e", NoticeType.ESCALATED));
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.getReceivedMessages().length == 3);
        List<MimeMessage> exceeding = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> to(m).equals("electricity-exceeding@example.org")).toList();
        assertThat(exceeding).singleElement().satisfies(m -> {
            assertThat(header(m, "X-Anshin-Notice-Id")).isEqualTo("e-2");
            assertThat(header(m, "References"))
                    .isEqualTo("<incident.key-e.electricity=2Fexceeding@notices.example.net>");
        });
        List<MimeMessage> all = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> to(m).equals("electricity-all@example.org")).toList();
        assertThat(all).extracting(MimeMessage::getMessageID).first()
                .isEqualTo("<incident.key-e.electricity=2Fall@notices.example.net>");
        assertThat(header(all.get(1), "In-Reply-To")).isEqualTo(all.get(0).getMessageID());
    }

    private static String to(MimeMessage m) {
        try {
            return m.getHeader("To")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDrillSaysSoInItsSubject() throws Exception {
        start(MAIL.getSmtp().getPort());
        harness.publish(Notices.builder("x-1", "drill-1").setIncidentKey("key-x").setExercise(true).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.getReceivedMessages().length == 1);
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Anshin][EXERCISE 演習][electricity] incident drill-1: NEW [EXCEEDS]");
        assertThat(header(m, "X-Anshin-Exercise")).isEqualTo("true");
        assertThat((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).contains("【演習】")
                .contains("[EXERCISE]");
        assertThat(harness.receipts(true, rs -> !rs.isEmpty())).extracting(DeliveryReceipt::getOutcome)
                .containsExactly(DeliveryOutcome.DELIVERED);
    }

    /**
     * The first SMTP dialogue reaches the server with the whole message, but the connection is cut before the
     * server's "250" gets back (the at-least-once case): the notifier retries, and both copies the server got
     * carry one Message-ID, so the recipient's client shows one message.
     */
    @Test
    void aRetriedSendHasTheSameMessageId() throws Exception {
        try (CutAfterFirstMessage front = new CutAfterFirstMessage(MAIL.getSmtp().getPort())) {
            start(front.port());
            harness.publish(notice("r-1", "inc-r", "key-r", NoticeType.UPDATED));
            List<DeliveryReceipt> receipts = harness.receipts(false,
                    rs -> rs.stream().anyMatch(r -> r.getOutcome() == DeliveryOutcome.DELIVERED));
            assertThat(receipts).extracting(DeliveryReceipt::getOutcome)
                    .containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
            assertThat(front.cut.get()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.getReceivedMessages().length == 2);
            MimeMessage[] copies = MAIL.getReceivedMessages();
            assertThat(copies[0].getMessageID()).isEqualTo("<r-1.electricity=2Foncall-mail@notices.example.net>")
                    .isEqualTo(copies[1].getMessageID());
        }
    }

    private static List<MimeMessage> byNotice(MimeMessage[] all, String prefix) {
        return Arrays.stream(all).filter(m -> {
            try {
                return m.getHeader("X-Anshin-Notice-Id")[0].startsWith(prefix);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /**
     * A TCP front for the SMTP server that, on its first connection, forwards the client's whole message (up to
     * the end-of-data dot) and then closes the client's side before the server's answer comes back.
     */
    private static final class CutAfterFirstMessage implements AutoCloseable {
        private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes();
        private final ServerSocket server;
        private final int target;
        final AtomicBoolean cut = new AtomicBoolean();

        CutAfterFirstMessage(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "smtp-front");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    boolean cutThisOne = cut.compareAndSet(false, true);
                    pump(upstream.getInputStream(), client.getOutputStream(), client, upstream, false);
                    pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, cutThisOne);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void pump(InputStream in, OutputStream out, Socket client, Socket upstream, boolean cutAtDot) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                byte[] tail = new byte[0];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (cutAtDot) {
                            byte[] seen = new byte[tail.length + n];
                            System.arraycopy(tail, 0, seen, 0, tail.length);
                            System.arraycopy(buf, 0, seen, tail.length, n);
                            if (contains(seen, END_OF_DATA)) {
                                // the client is cut BEFORE the server gets the end of data: its "250" cannot reach
                                // the client (forwarding first let a fast 250 through on a loaded machine)
                                client.close();
                                out.write(buf, 0, n);
                                out.flush();
                                return; // the server has the message
                            }
                            tail = Arrays.copyOfRange(seen, Math.max(0, seen.length - 4), seen.length);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed: close both
                } finally {
                    try {
                        client.close();
                        // a half close: the server still reads (and stores) what it was sent before it sees the end
                        upstream.shutdownOutput();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "smtp-front-pump");
            t.setDaemon(true);
            t.start();
        }

        private static boolean contains(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
