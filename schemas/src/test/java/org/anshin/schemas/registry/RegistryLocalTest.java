package org.anshin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;

/** The registry contract against the in-process broker and a real Apicurio registry over HTTP. */
@WithKafkaAndRegistry
class RegistryLocalTest extends RegistryContract {
    private final Infra infra;

    RegistryLocalTest(Infra infra) {
        this.infra = infra;
    }

    @Override
    Infra infra() {
        return infra;
    }

    @Test
    void theGlobalRuleIsFullTransitive() throws Exception {
        // what a subscriber's tooling reads: GET /config of the Confluent API (devstack sets the Apicurio property
        // and PUTs the same level at start); aChangeOnlyBackwardCompatibleIsRefusedToo shows it is applied
        HttpResponse<String> config = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.registryUrl() + "/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(config.body()).path("compatibilityLevel").asText())
                .as(config.body()).isEqualTo("FULL_TRANSITIVE");
    }
}
