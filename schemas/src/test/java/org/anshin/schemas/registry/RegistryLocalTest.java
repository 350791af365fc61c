package org.anshin.schemas.registry;

import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;

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
}
