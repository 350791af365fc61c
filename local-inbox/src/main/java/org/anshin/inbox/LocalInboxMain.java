package org.anshin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;

/**
 * A local stand-in for on-call receivers, for {@code ./anshin up}:
 * {@code java org.anshin.inbox.LocalInboxMain --http-port 9199 --smtp-port 2525 [--host 127.0.0.1]}.
 * Accepts webhook, slack, pagerduty and alertmanager POSTs on any path and mail over SMTP, prints one line
 * per arrival and serves {@code GET /inbox} (JSON, newest first). Not for production: it authenticates nobody.
 */
public final class LocalInboxMain {
    private LocalInboxMain() {
    }

    public static void main(String[] argv) throws IOException, InterruptedException {
        ServiceArgs args = ServiceArgs.parse(argv, java.util.Map.of());
        String host = args.get("host", "127.0.0.1");
        int httpPort = Integer.parseInt(args.get("http-port", "9199"));
        int smtpPort = Integer.parseInt(args.get("smtp-port", "2525"));
        ObjectMapper json = new ObjectMapper();
        Inbox inbox = new Inbox(json, System.out);
        InboxHttp http = new InboxHttp(host, httpPort, inbox, json);
        InboxSmtp smtp = new InboxSmtp(host, smtpPort, inbox, json);
        System.out.println("[inbox] listening: http://" + host + ":" + http.port() + "/inbox (webhooks on any path), "
                + "smtp://" + host + ":" + smtpPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            smtp.close();
            stopped.countDown();
        }, "inbox-shutdown"));
        stopped.await();
    }
}
