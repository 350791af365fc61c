package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacedLoadTest {

    @Test
    void samplesListEveryRequestInSendingOrderWithItsAnswerAndArrival(@TempDir Path dir) throws Exception {
        try (WebhookSink sink = WebhookSink.matching(Pattern.compile("\"id\":\"([^\"]+)\""))) {
            URI uri = URI.create(sink.baseUrl() + "/");
            PacedLoad load = new PacedLoad().run(200, 5, i -> new PacedLoad.Item("k" + i, HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"k" + i + "\"}")).build()));
            assertThat(load.awaitArrivals(sink, Duration.ofSeconds(10))).isZero();
            Path csv = dir.resolve("e2e-200.csv");
            load.writeSamples(csv, sink, key -> key.equals("k2") ? load.sent().get("k2") + 1_500_000 : null);

            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).hasSize(6);
            assertThat(lines.get(0)).isEqualTo("sent_ms,sent_at,answer_ms,visible_ms,delivered_ms,key");
            assertThat(lines.subList(1, 6)).extracting(l -> l.substring(l.lastIndexOf(',') + 1))
                    .containsExactly("k0", "k1", "k2", "k3", "k4");
            for (String line : lines.subList(1, 6)) {
                String[] f = line.split(",", -1);
                assertThat(Instant.parse(f[1])).as("sent at: %s", line)
                        .isBetween(Instant.now().minusSeconds(60), Instant.now());
                assertThat(Double.parseDouble(f[2])).as("answered: %s", line).isPositive();
                assertThat(Double.parseDouble(f[4])).as("delivered: %s", line).isPositive();
            }
            // paced at 200/s: the fifth is sent about 20 ms after the first
            assertThat(Double.parseDouble(lines.get(5).split(",")[0])).isBetween(15.0, 2_000.0);
            assertThat(lines.get(3).split(",", -1)[3]).isEqualTo("1.5");
            assertThat(lines.get(1).split(",", -1)[3]).isEmpty();
        }
    }
}
