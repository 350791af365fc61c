package org.anshin.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.anshin.common.config.Operators;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {
    @Test
    void issuedTokensAreLongRandomAndHashedLikeOperatorsYaml() {
        TokenIssuer.Issued a = TokenIssuer.issue();
        TokenIssuer.Issued b = TokenIssuer.issue();
        assertThat(a.token()).startsWith("anshin_").hasSizeGreaterThan(40).isNotEqualTo(b.token());
        assertThat(a.sha256Hex()).matches("[0-9a-f]{64}").isEqualTo(org.anshin.common.config.TokenHash.sha256Hex(a.token()));
    }

    @Test
    void demoTokenHashesMatchTheShippedConfig() {
        Operators operators = Operators.load(Path.of("..", "config", "operators.yaml"));
        assertThat(operators.byId().get("demo-electricity-operator").tokenSha256())
                .isEqualTo(org.anshin.common.config.TokenHash.sha256Hex("demo-electricity"));
    }
}
