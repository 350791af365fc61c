package org.anshin.ingest;

import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.ingest.IngestMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8080 --routing-url http://127.0.0.1:8082}. Stops gracefully on SIGTERM / Ctrl-C.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        ServiceArgs args = ServiceArgs.parse(argv);
        AnshinConfig config = AnshinConfig.load(args.configDir());
        IngestOptions options = IngestOptions.from(args);
        IngestService service = IngestService.start(config, args, options);
        for (String line : config.operators().demoTokenLines()) {
            LOG.info("demo token (local use only): {}", line);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
    }
}
