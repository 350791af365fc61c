package org.anshin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A local stand-in for on-call receivers, for {@code ./anshin up}:
 * {@code java org.anshin.inbox.LocalInboxMain --http-port 9199 --smtp-port 2525 [--host 127.0.0.1]}.
 * Accepts webhook, slack, pagerduty and alertmanager POSTs on any path and mail over SMTP, prints one line
 * per arrival and serves {@code GET /inbox} (JSON, newest first). Not for production: it authenticates nobody.
 */
@Command(name = "local-inbox", sortOptions = true, showDefaultValues = true,
        description = "A stand-in for on-call receivers (webhooks over HTTP, mail over SMTP) for ./anshin up;"
                + " GET /inbox lists what arrived. It authenticates nobody: not for production.")
public final class LocalInboxMain {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "The interface it listens on.")
    String host;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "9199", description = "Webhooks, GET /inbox.")
    int httpPort;

    @Option(names = "--smtp-port", paramLabel = "N", defaultValue = "2525", description = "Mail.")
    int smtpPort;

    public static void main(String[] argv) throws IOException, InterruptedException {
        LocalInboxMain options;
        try {
            // no environment: the launcher passes everything, and nothing of a developer's shell should leak in
            var parsed = Cli.parse(new LocalInboxMain(), argv, Map.of(), System.out);
            if (parsed.isEmpty()) {
                System.exit(0);
                return;
            }
            options = parsed.get();
        } catch (Cli.UsageError e) {
            System.err.println("local-inbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        Inbox inbox = new Inbox(json, System.out);
        InboxHttp http = new InboxHttp(options.host, options.httpPort, inbox, json);
        InboxSmtp smtp = new InboxSmtp(options.host, options.smtpPort, inbox, json);
        System.out.println("[inbox] listening: http://" + options.host + ":" + http.port() + "/inbox (webhooks on any"
                + " path), smtp://" + options.host + ":" + options.smtpPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            smtp.close();
            stopped.countDown();
        }, "inbox-shutdown"));
        stopped.await();
    }
}
