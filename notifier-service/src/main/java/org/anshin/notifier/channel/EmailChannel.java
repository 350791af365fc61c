package org.anshin.notifier.channel;

import org.anshin.schemas.NoticeKeys;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * SMTP via Jakarta Mail (Angus). {@code smtp://host:port} or {@code smtps://...}; with credentials, plain
 * {@code smtp://} must upgrade with STARTTLS or nothing is sent.
 *
 * <p>Threads: one per (incident, channel). The NEW notice's message has the thread root as its
 * {@code Message-ID}; every later message has its own stable id ({@link MailTemplate#messageId}) and
 * {@code In-Reply-To} and {@code References} naming the root. A channel that never got the NEW (say
 * {@code minClassification: EXCEEDS_VERIFICATION_LEVEL}, first told at ESCALATED) still threads: clients that
 * follow References (RFC 5322, the JWZ algorithm of Thunderbird, Apple Mail, mutt) group messages under a parent
 * they never received. A retried or re-sent message has the same Message-ID, recognisably the same one to mail
 * clients and archives.
 */
public final class EmailChannel implements Channel {
    private final ChannelSpec spec;
    private final Session session;
    private final String user;
    private final String password;
    private final Executor pool;
    private final IncidentLinks links;

    public EmailChannel(ChannelSpec spec, Duration timeout) {
        this(spec, timeout, null);
    }

    /** @param pool where {@link #sendAsync} runs the blocking SMTP dialogue; {@code null}: on the caller */
    public EmailChannel(ChannelSpec spec, Duration timeout, Executor pool) {
        this(spec, timeout, pool, IncidentLinks.DEFAULT);
    }

    /** @param links the incident's page, at the end of every incident message (--incident-url-template) */
    public EmailChannel(ChannelSpec spec, Duration timeout, Executor pool, IncidentLinks links) {
        this.spec = spec;
        this.links = links;
        this.pool = pool;
        URI smtp = spec.url();
        boolean ssl = "smtps".equalsIgnoreCase(smtp.getScheme());
        String protocol = ssl ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", smtp.getHost());
        p.put("mail." + protocol + ".port", String.valueOf(smtp.getPort() > 0 ? smtp.getPort() : ssl ? 465 : 25));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        if (spec.login().isPresent()) {
            user = spec.login().get().user();
            password = spec.login().get().password();
            p.put("mail." + protocol + ".auth", "true");
            if (!ssl) {
                // never AUTH in clear: without "required" Jakarta Mail falls back to plain text when the
                // server offers no STARTTLS, and the password would cross the network readable
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
        } else {
            user = null;
            password = null;
        }
        this.session = Session.getInstance(p);
    }

    /** Jakarta Mail blocks: the dialogue runs on the shared bounded mail pool, never on a delivery lane. */
    @Override
    public CompletableFuture<SendResult> sendAsync(Outbound m) {
        if (pool == null) {
            return CompletableFuture.completedFuture(send(m));
        }
        try {
            return CompletableFuture.supplyAsync(() -> send(m), pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(SendResult.retryable("mail pool full, trying again later"));
        }
    }

    @Override
    public SendResult send(Outbound m) {
        try {
            MimeMessage message = render(m);
            try (Transport transport = session.getTransport()) {
                transport.connect(user, password);
                transport.sendMessage(message, message.getAllRecipients());
            }
            return SendResult.delivered();
        } catch (AddressException e) {
            return SendResult.permanent("bad address: " + e.getMessage());
        } catch (SMTPSendFailedException e) {
            return smtpCode(e.getReturnCode(), e);
        } catch (SendFailedException e) {
            Exception next = e.getNextException();
            if (next instanceof SMTPAddressFailedException a) {
                return smtpCode(a.getReturnCode(), a);
            }
            return SendResult.retryable("send failed: " + e.getMessage());
        } catch (MessagingException e) {
            if (user != null && !"smtps".equalsIgnoreCase(spec.url().getScheme())
                    && String.valueOf(e.getMessage()).contains("STARTTLS")) {
                // a server without STARTTLS stays without it: retrying cannot make the login safe
                return SendResult.permanent("the SMTP server does not offer STARTTLS, and this channel has "
                        + "credentials: not sending the password in clear (use a server with STARTTLS or smtps://): "
                        + e.getMessage());
            }
            // connection refused, timeouts, greeting failures: the server may come back
            return SendResult.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** SMTP 5xx is a permanent refusal; 4xx asks us to come back later. */
    private static SendResult smtpCode(int code, MessagingException e) {
        String error = "SMTP " + code + ": " + e.getMessage();
        return code >= 500 ? SendResult.permanent(error) : SendResult.retryable(error);
    }

    MimeMessage render(Outbound m) throws MessagingException {
        String domain = MailTemplate.domain(spec);
        String messageId = m.isAdvisory() ? AdvisoryMailTemplate.messageId(m, domain) : MailTemplate.messageId(m, domain);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(spec.from().orElseThrow()));
        Address[] to = new Address[spec.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(spec.to().get(i));
        }
        message.setRecipients(MimeMessage.RecipientType.TO, to);
        message.setSentDate(new Date());
        // RFC 3834: no vacation or out-of-office replies to a machine's mail; the second header is Exchange's way
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (m.isAdvisory()) {
            return renderAdvisory(m, message);
        }
        message.setSubject(MailTemplate.subject(m), StandardCharsets.UTF_8.name());
        if (!MailTemplate.opensThread(m)) {
            String root = MailTemplate.threadRoot(m, domain);
            message.setHeader("In-Reply-To", root);
            message.setHeader("References", root);
        }
        message.setHeader("X-Anshin-Notice-Id", m.latest().getNoticeId());
        message.setHeader("X-Anshin-Incident-Id", m.latest().getIncidentId());
        message.setHeader("X-Anshin-Incident-Key", NoticeKeys.incidentKey(m.latest()));
        if (m.latest().getExercise()) {
            message.setHeader("X-Anshin-Exercise", "true");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(MailTemplate.text(m, links), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(MailTemplate.html(m, links), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** An advisory: its own subject and bodies, no thread ({@link AdvisoryMailTemplate}). */
    private static MimeMessage renderAdvisory(Outbound m, MimeMessage message) throws MessagingException {
        message.setSubject(AdvisoryMailTemplate.subject(m), StandardCharsets.UTF_8.name());
        message.setHeader("X-Anshin-Notice-Id", m.advisory().getNoticeId());
        message.setHeader("X-Anshin-Advisory-Id", m.advisory().getAdvisoryId());
        if (m.advisory().getExercise()) {
            message.setHeader("X-Anshin-Exercise", "true");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(AdvisoryMailTemplate.text(m), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(AdvisoryMailTemplate.html(m), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }
}
