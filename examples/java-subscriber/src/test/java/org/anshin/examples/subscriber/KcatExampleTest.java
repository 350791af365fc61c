package org.anshin.examples.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.Test;

/** examples/kcat/notices.sh against the real broker: the committed records' keys and Confluent headers. */
@WithKafkaAndRegistry
class KcatExampleTest {

    private final Infra infra;

    KcatExampleTest(Infra infra) {
        this.infra = infra;
    }

    @Test
    void showsTheCommittedRecordsOnly() throws Exception {
        assumeTrue(ExternalProcess.works(List.of("kcat", "-V")),
                "kcat is not installed (Debian/Ubuntu package: kcat)");
        SubscriberScenario scenario = SubscriberScenario.written(infra);
        int schemaId = new RestSchemaRegistryClient(infra.registryUrl())
                .idOf(scenario.incidents + "-value", IncidentNotice.getClassSchema());

        ExternalProcess kcat = ExternalProcess.run(List.of("bash",
                SubscriberScenario.repoRoot().resolve("examples/kcat/notices.sh").toString(),
                infra.bootstrapServers(), scenario.incidents), 60);

        assertThat(kcat.exitCode()).as(kcat.stderr()).isZero();
        assertThat(kcat.stdout()).as(kcat.stderr()).containsExactly(
                scenario.incidents + " 0@0 key=k-1 magic=0 schema-id=" + schemaId,
                scenario.incidents + " 0@4 key=k-1 magic=0 schema-id=" + schemaId,
                scenario.incidents + " 0@5 key=k-1 magic=0 schema-id=" + schemaId);
    }
}
