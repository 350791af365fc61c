package org.anshin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnshinInfraExtension.class)
class SecondClassSharesInfraTest {
    @Test
    void sameInfraAcrossClasses(Infra infra, LocalInfra local) throws Exception {
        assertThat(infra).isSameAs(local);
        assertThat(infra.admin().describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
}
