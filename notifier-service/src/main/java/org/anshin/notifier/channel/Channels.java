package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the sender for a channel spec: one shared HTTP client (non-blocking sends) for all HTTP channels, one
 * shared bounded pool ({@value #MAIL_THREADS} threads, {@value #MAIL_QUEUE} queued) for the blocking SMTP
 * dialogues of all email channels. A full mail pool turns the attempt into a retryable failure.
 */
public final class Channels {
    static final int MAIL_THREADS = 4;
    static final int MAIL_QUEUE = 1000;
    /**
     * The HTTP client's executor: its own tasks run on the thread that makes them (the client's selector thread,
     * or the lane starting a send) instead of its default cached pool. Nothing run there blocks: requests are
     * non-blocking and {@link BoundedBody} only copies bytes; the JDK completes a sendAsync future on the
     * CompletableFuture default pool whatever the executor, and the {@code Dispatcher} hands the outcome to the
     * lane from there. Measured by {@code ./anshin bench} (32 connections, ~1,750 reports/s, two webhook
     * calls each): the client's threads took 498 ms of CPU per second with the pool (359 on its workers,
     * mostly handing tasks over, 139 on the selector) and 185 with this; the notifier's CPU per report fell from
     * 626-767 to 490-553 us.
     */
    static final java.util.concurrent.Executor INLINE = Runnable::run;

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final ThreadPoolExecutor mailPool;
    private final IncidentLinks links;
    private final AttemptTimers timers = new AttemptTimers();

    public Channels(Duration timeout) {
        this(timeout, IncidentLinks.DEFAULT);
    }

    public Channels(Duration timeout, IncidentLinks links) {
        this.links = links;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).executor(INLINE).build();
        this.json = new ObjectMapper();
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.mailPool = new ThreadPoolExecutor(MAIL_THREADS, MAIL_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAIL_QUEUE), r -> {
                    Thread t = new Thread(r, "anshin-mail-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        mailPool.allowCoreThreadTimeOut(true);
    }

    public IncidentLinks links() {
        return links;
    }

    public Channel create(ChannelSpec spec) {
        return switch (spec.type()) {
            // mail and Slack end with a link to the incident's page (--incident-url-template), as PagerDuty does
            case EMAIL -> new EmailChannel(spec, timeout, mailPool, links);
            case SLACK -> new HttpJsonChannel(http, json, spec.url(), timeout,
                    AdvisoryBodies.or(ChannelType.SLACK, (j, m) -> SlackBody.render(j, m, links)), timers);
            // PagerDuty's client_url and links point at the incident's page (--incident-url-template)
            case PAGERDUTY -> new HttpJsonChannel(http, json, spec.url(), timeout,
                    AdvisoryBodies.or(ChannelType.PAGERDUTY, (j, m) -> PagerDutyBody.render(j, m, links)), timers);
            // its body needs the incident links (generatorURL) and the time (endsAt)
            case ALERTMANAGER -> new HttpJsonChannel(http, json, AlertmanagerBody.endpoint(spec.url()), timeout,
                    AdvisoryBodies.or(ChannelType.ALERTMANAGER,
                            (j, m) -> AlertmanagerBody.render(j, m, links, java.time.Instant.now())), timers);
            default -> HttpJsonChannel.of(spec, http, json, timeout, timers);
        };
    }
}
