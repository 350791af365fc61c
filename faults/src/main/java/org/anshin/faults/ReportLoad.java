package org.anshin.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady flow of reports as operators' systems send them: one new gas incident per report (40 households, so
 * above the level: each one must reach the gas CEPTOAR's and NISC's webhooks), paced at a fixed rate, and a
 * client that does what the API asks after a timeout, a connection error, a 429 or a 503: wait and send the
 * same body with the same reportId again, until it gets its 202.
 */
public final class ReportLoad implements AutoCloseable {
    public static final String TOKEN = "demo-gas";

    /** A report that got its 202. */
    public record Accepted(String incidentId, String reportId, Instant firstSent, Instant acceptedAt, int attempts) {
    }

    private final Supplier<String> ingestUrl;
    private final String runId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    public ReportLoad(Supplier<String> ingestUrl, String runId) {
        this.ingestUrl = ingestUrl;
        this.runId = runId;
    }

    /** Sends {@code perSecond} reports a second for {@code duration}, calling {@code atSecond} once a second. */
    public void run(int perSecond, Duration duration, java.util.function.IntConsumer atSecond)
            throws InterruptedException {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        int total = (int) (duration.toSeconds() * perSecond);
        int second = -1;
        for (int n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing a load generator, not waiting for a condition
            }
            int s = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            if (s != second) {
                second = s;
                atSecond.accept(s);
            }
            String incidentId = runId + "-" + n;
            senders.execute(() -> sendUntilAccepted(incidentId));
        }
    }

    private void sendUntilAccepted(String incidentId) {
        String reportId = UUID.randomUUID().toString();
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String body = "{\"reportId\":\"" + reportId + "\",\"incidentId\":\"" + incidentId + "\",\"reportType\":\"INITIAL\","
                + "\"sector\":\"gas\",\"occurredAt\":\"" + now + "\",\"detectedAt\":\"" + now + "\",\"summary\":\"fault suite\","
                + "\"cause\":\"UNINTENTIONAL\",\"impact\":{\"affectedHouseholds\":40},\"tlp\":\"GREEN\"}";
        Instant first = Instant.now();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            sent.incrementAndGet();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(ingestUrl.get() + "/v1/incidents"))
                        .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 202) {
                    accepted.put(incidentId, new Accepted(incidentId, reportId, first, Instant.now(), attempt));
                    return;
                }
                if (r.statusCode() != 429 && r.statusCode() != 503) {
                    throw new IllegalStateException("report " + incidentId + " refused with " + r.statusCode());
                }
            } catch (IOException e) {
                // the service is down or restarting: exactly what a real client retries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(Math.min(2_000, 200L * attempt)); // a client's backoff between retries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        givenUp.incrementAndGet();
    }

    /** Waits until every report sent so far was accepted or given up. */
    public void awaitSenders(Duration timeout) throws InterruptedException {
        senders.shutdown();
        if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("report senders still busy after " + timeout);
        }
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted.values());
    }

    public int retries() {
        return retries.get();
    }

    public int givenUp() {
        return givenUp.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
