package org.anshin.notifier;

import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.notifier.NotifierMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8083 [--group-id anshin-notifier] [--max-attempts 6 --max-age PT10M ...]} (options: see
 * {@link NotifierSettings}). Stops gracefully on SIGTERM / Ctrl-C.
 */
public final class NotifierMain {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierMain.class);

    private NotifierMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        NotifierApp app = NotifierApp.start(ServiceArgs.parse(argv));
        LOG.info("notifier-service on http://{}:{} (/health/ready, /metrics)", ServiceArgs.parse(argv).bindAddress(), app.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "notifier-shutdown"));
        stopped.await();
    }
}
