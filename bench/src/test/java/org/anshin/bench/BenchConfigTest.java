package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.anshin.common.config.AnshinConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConfigTest {
    @Test
    void generatedConfigLoadsWithOneWebhookPerCeptoarAndTheBenchOperators(@TempDir Path dir) throws Exception {
        BenchConfig.write(Path.of("../config"), dir, "http://127.0.0.1:4242", 25);

        AnshinConfig config = AnshinConfig.load(dir);

        assertThat(config.ceptoars().byId().values()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.channels()).hasSize(1);
            assertThat(c.channels().get(0).path("url").asText()).isEqualTo("http://127.0.0.1:4242/hook/" + c.id());
            assertThat(c.channels().get(0).has("minClassification")).isFalse();
        });
        assertThat(config.operators().byId().values())
                .filteredOn(o -> o.id().startsWith("bench-") && !o.id().startsWith("bench-load-")).hasSize(26);
        Sectors sectors = Sectors.load(dir);
        assertThat(config.operators().byId().values()).filteredOn(o -> o.id().startsWith("bench-load-"))
                .hasSize(sectors.all().size())
                .allSatisfy(o -> assertThat(o.sectors()).containsExactly(o.id().substring("bench-load-".length())));
        assertThat(config.operators().byId().values()).filteredOn(o -> o.id().equals("bench-7")).singleElement()
                .satisfies(o -> assertThat(o.tokenSha256()).isEqualTo(org.anshin.common.config.TokenHash.sha256Hex(BenchConfig.operatorToken(7))));
    }
}
