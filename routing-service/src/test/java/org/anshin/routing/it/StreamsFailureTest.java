package org.anshin.routing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.fanout.Pseudonyms;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A stream thread that keeps failing is not replaced forever: past its budget the Streams client shuts down,
 * the service is unready and {@link RoutingApp#awaitFailure} returns, on which RoutingMain exits 1 so that a
 * supervisor starts a fresh process. Provoked on the real broker with source topics that do not exist.
 */
@WithKafkaAndRegistry
class StreamsFailureTest {

    @Test
    void aThreadThatKeepsFailingEndsInErrorInsteadOfAZombie(Infra infra) throws Exception {
        String prefix = infra.uniqueTopic("missing") + ".";
        RoutingConfig config = RoutingConfig.from(Fixture.ANSHIN, prefix)
                .withPseudonyms(Pseudonyms.fromKey(Fixture.PSEUDONYM_KEY)); // no topic created for this prefix
        var settings = new RoutingApp.Settings(prefix + "routing", infra.bootstrapServers(),
                new RestSchemaRegistryClient(infra.registryUrl()), true, ItSupport.tempDir(), "127.0.0.1", "127.0.0.1",
                ItSupport.freePort(), ItSupport.INTERNAL_TOKEN, Map.of(), Optional.empty());
        try (RoutingApp app = new RoutingApp(config, settings, new RoutingApp.ThreadBudget(0, Duration.ofMinutes(10)))) {
            assertThat(app.awaitFailure(Duration.ofSeconds(90))).as("Streams reached ERROR").isTrue();
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(app.ready()).isFalse();
        }
    }
}
