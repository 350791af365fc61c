package org.anshin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {
    private static IngestOptions parse(String... argv) {
        return IngestOptions.from(ServiceArgs.parse(argv, Map.of()));
    }

    @Test
    void defaultsMatchTheContract() {
        IngestOptions o = parse();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.routingUrl()).hasToString("http://127.0.0.1:8082");
        assertThat(o.autoRegisterSchemas()).isTrue();
        assertThat(o.reportsTopic()).isEqualTo("incidents.reports");
        assertThat(o.deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.problemBaseUrl()).as("the service's own /problems/ on its port").isEmpty();
    }

    @Test
    void badValuesStopTheStartWithTheOptionsName() {
        assertThatThrownBy(() -> parse("--auto-register-schemas", "yes")).hasMessageContaining("--auto-register-schemas");
        assertThatThrownBy(() -> parse("--delivery-timeout-ms", "100")).hasMessageContaining("--delivery-timeout-ms");
        assertThatThrownBy(() -> parse("--max-block-ms", "60000")).hasMessageContaining("--max-block-ms");
        assertThatThrownBy(() -> parse("--routing-url", "ftp://x")).hasMessageContaining("--routing-url");
        assertThatThrownBy(() -> parse("--port", "70000")).hasMessageContaining("--port");
        // type URIs must stay absolute and end in the problem's name
        assertThatThrownBy(() -> parse("--problem-base-url", "/problems/")).hasMessageContaining("--problem-base-url");
        assertThatThrownBy(() -> parse("--problem-base-url", "https://docs.example.org/problems"))
                .hasMessageContaining("--problem-base-url");
    }
}
