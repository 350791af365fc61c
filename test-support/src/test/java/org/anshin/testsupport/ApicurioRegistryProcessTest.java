package org.anshin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.anshin.devstack.ApicurioRegistry;
import org.anshin.devstack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devstack registry process on its own (here, because test-support unpacks the distribution). */
class ApicurioRegistryProcessTest {
    private static final String V1 = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
            + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
    private static final String INCOMPATIBLE = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
    private static final String COMPATIBLE = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":0}]}\"}";

    @TempDir
    Path dir;

    @Test
    void refusesBackwardIncompatibleSchemaWith409AndStopsWithoutOrphan() throws Exception {
        long pid;
        int port;
        HttpClient http = HttpClient.newHttpClient();
        try (ApicurioRegistry registry = ApicurioRegistry.builder(LocalInfra.apicurioDir())
                .logFile(dir.resolve("registry.log")).start()) {
            pid = registry.pid();
            port = registry.port();
            String subject = registry.ccompatUrl() + "/subjects/compat-value/versions";
            assertThat(post(http, subject, V1).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = post(http, subject, INCOMPATIBLE);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(post(http, subject, COMPATIBLE).statusCode()).isEqualTo(200);
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/config"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains("FULL_TRANSITIVE");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Ports.isListening(port)).isFalse();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
