package org.anshin.tools.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.anshin.schemas.Topics;
import org.anshin.tools.NoticeReader;
import org.anshin.tools.NoticeReader.TopicNotice;

/**
 * Replays a scenario against a running ingest-service on its schedule, with a progress bar, then
 * watches the notice topics and prints what each CEPTOAR and NISC received for this run.
 */
public final class Replayer {
    private final String ingestUrl;
    private final Map<String, Object> kafkaProps;
    private final String registryUrl;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Replayer(String ingestUrl, Map<String, Object> kafkaProps, String registryUrl, PrintStream out) {
        this.ingestUrl = ingestUrl.endsWith("/") ? ingestUrl.substring(0, ingestUrl.length() - 1) : ingestUrl;
        this.kafkaProps = kafkaProps;
        this.registryUrl = registryUrl;
        this.out = out;
    }

    /** Runs the scenario and returns the per-topic, per-notice-type counts of this run's notices. */
    public Summary run(Scenario scenario, double speed, Duration watchFor) throws InterruptedException {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        out.printf("replaying %d steps (run %s, speed x%s)%n", scenario.steps().size(), runId, speed);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ScenarioStep step : scenario.steps()) {
            long dueMs = start.toEpochMilli() + (long) (step.at().toMillis() / speed);
            long wait = dueMs - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait); // pacing a replay is the point here: the scenario's clock is real time
            }
            ObjectNode body = Scenario.materialise(step, start, runId);
            String result = post(step.token(), path(step, body), body);
            if (!result.startsWith("202")) {
                failures.add("line " + step.line() + ": " + result);
            }
            sent++;
            progress(sent, scenario.steps().size(), (step.kind() == ScenarioStep.Kind.REPORT
                    ? body.path("sector").asText() + " " + body.path("reportType").asText()
                    : step.kind().name().toLowerCase(java.util.Locale.ROOT)) + " -> " + result.split(" ")[0]);
        }
        out.println();
        failures.forEach(f -> out.println("  refused " + f));
        Summary summary = watch(runId, start, watchFor);
        summary.print(out);
        return summary;
    }

    private static String path(ScenarioStep step, ObjectNode body) {
        return switch (step.kind()) {
            case REPORT -> "/v1/incidents";
            case ADVISORY -> "/v1/advisories";
            // the advisory named in the body; the rest is the feedback
            case FEEDBACK -> "/v1/advisories/" + body.remove("advisoryId").asText() + "/feedback";
        };
    }

    private String post(String token, String path, ObjectNode body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
            return "000 ingest unreachable at " + ingestUrl + ": " + e.getMessage();
        }
    }

    private void progress(int done, int total, String last) {
        int width = 30;
        int filled = done * width / total;
        out.printf("\r[%s%s] %d/%d  %-50s", "#".repeat(filled), ".".repeat(width - filled), done, total,
                last.length() > 50 ? last.substring(0, 50) : last);
        out.flush();
    }

    /** The incident notice topics, real and drill: not ceptoar.<id>.advisories, which carry AdvisoryNotice. */
    static List<String> noticeTopics() {
        return Topics.all().stream().map(t -> t.name())
                .filter(n -> (n.startsWith("ceptoar.") || n.startsWith(Topics.EXERCISE_PREFIX + "ceptoar."))
                        && n.endsWith(".incidents") || n.endsWith(Topics.NISC))
                .toList();
    }

    private Summary watch(String runId, Instant start, Duration watchFor) {
        List<String> topics = noticeTopics();
        Summary summary = new Summary();
        out.printf("watching notices for %d s (time-based escalations need the clock to pass their level)...%n",
                watchFor.toSeconds());
        try (NoticeReader reader = new NoticeReader(kafkaProps, registryUrl)) {
            reader.assign(topics, start.minusSeconds(1));
            long deadline = System.currentTimeMillis() + watchFor.toMillis();
            while (System.currentTimeMillis() < deadline) {
                reader.poll(Duration.ofMillis(500), n -> summary.add(runId, n));
            }
        }
        return summary;
    }

    /** Counts of this run's notices per topic and notice type. */
    public static final class Summary {
        /** Prefix routing gives AMBER cascade warnings instead of the operator's incidentId. */
        static final String ANONYMISED_PREFIX = "cascade-";
        private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
        private int anonymisedCascades;
        private int undecodable;

        void add(String runId, TopicNotice n) {
            if (n.undecodable()) {
                undecodable++; // NoticeReader warned; whose run it was cannot be told
                return;
            }
            if (n.notice().getIncidentId().contains(runId)) {
                counts.computeIfAbsent(n.topic(), t -> new TreeMap<>())
                        .merge(n.notice().getNoticeType().name(), 1, Integer::sum);
            } else if (n.notice().getIncidentId().startsWith(ANONYMISED_PREFIX)) {
                // AMBER cascade warnings carry a pseudonym, by design not traceable to this run's incidents
                anonymisedCascades++;
            }
        }

        /** Records seen during the run that could not be decoded (of this run or not: unknown). */
        public int undecodable() {
            return undecodable;
        }

        public int anonymisedCascades() {
            return anonymisedCascades;
        }

        public Map<String, Map<String, Integer>> counts() {
            return counts;
        }

        public int total() {
            return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }

        void print(PrintStream out) {
            out.printf("%n%-42s %5s %8s %10s %9s %16s%n", "topic", "NEW", "UPDATED", "ESCALATED", "RESOLVED", "CASCADE_WARNING");
            counts.forEach((topic, byType) -> out.printf("%-42s %5d %8d %10d %9d %16d%n", topic,
                    byType.getOrDefault("NEW", 0), byType.getOrDefault("UPDATED", 0),
                    byType.getOrDefault("ESCALATED", 0), byType.getOrDefault("RESOLVED", 0),
                    byType.getOrDefault("CASCADE_WARNING", 0)));
            out.printf("%d notices in all%n", total());
            if (anonymisedCascades > 0) {
                out.printf("plus %d anonymised cascade warnings (AMBER: no operator, no incidentId, no free text),"
                        + " seen during the run%n", anonymisedCascades);
            }
            if (undecodable > 0) {
                out.printf("WARNING: %d records seen during the run could not be decoded and are not in the counts"
                        + " above%n", undecodable);
            }
        }
    }
}
