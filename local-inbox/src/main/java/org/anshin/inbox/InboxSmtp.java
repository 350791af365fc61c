package org.anshin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The inbox's mail side: a GreenMail SMTP server that accepts any recipient. A small watcher copies new
 * messages into the {@link Inbox} (GreenMail has no arrival callback, so it looks every 200 ms).
 */
public final class InboxSmtp implements AutoCloseable {
    private final GreenMail mail;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inbox-smtp-watcher");
        t.setDaemon(true);
        return t;
    });
    private int seen;

    public InboxSmtp(String host, int port, Inbox inbox, ObjectMapper json) {
        this.mail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        mail.start();
        watcher.scheduleWithFixedDelay(() -> collect(inbox, json), 200, 200, TimeUnit.MILLISECONDS);
    }

    private void collect(Inbox inbox, ObjectMapper json) {
        MimeMessage[] messages = mail.getReceivedMessages();
        for (int i = seen; i < messages.length; i++) {
            try {
                MimeMessage m = messages[i];
                ObjectNode item = json.createObjectNode();
                item.put("receivedAt", Instant.now().toString());
                item.put("kind", "email");
                item.put("messageId", m.getMessageID());
                item.put("from", String.valueOf(m.getFrom()[0]));
                var to = item.putArray("to");
                for (Address a : m.getAllRecipients()) {
                    to.add(a.toString());
                }
                item.put("subject", m.getSubject());
                item.put("body", GreenMailUtil.getBody(m));
                inbox.add(item, "[inbox] " + item.get("receivedAt").asText() + " MAIL to " + to + " \""
                        + m.getSubject() + "\" " + m.getMessageID());
            } catch (MessagingException e) {
                inbox.add(json.createObjectNode().put("kind", "email").put("error", e.toString()),
                        "[inbox] unreadable mail: " + e);
            }
        }
        seen = messages.length;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        mail.stop();
    }
}
