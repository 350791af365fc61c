package org.anshin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where Docker is available; skipped cleanly otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersVariantTest {
    @Container
    static final AnshinContainers CONTAINERS = new AnshinContainers();

    @Test
    void containersGiveAWorkingInfra() throws Exception {
        Infra infra = CONTAINERS.infra();
        assertThat(infra.admin().describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        assertThat(infra.registryUrl()).endsWith("/apis/ccompat/v7");
    }
}
