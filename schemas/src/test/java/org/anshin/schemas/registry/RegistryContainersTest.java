package org.anshin.schemas.registry;

import org.anshin.testsupport.AnshinContainers;
import org.anshin.testsupport.Infra;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against Kafka and Apicurio in Docker containers; skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
class RegistryContainersTest extends RegistryContract {
    @Container
    static final AnshinContainers CONTAINERS = new AnshinContainers();

    @Override
    Infra infra() {
        return CONTAINERS.infra();
    }
}
