package org.anshin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
import org.anshin.ingest.auth.TokenAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.ingest.IngestMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8080 --routing-url http://127.0.0.1:8082}. Stops gracefully on SIGTERM / Ctrl-C.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);
    public static final String DEMO_TOKEN_PREFIX = "demo-";

    private IngestMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        ServiceArgs args = ServiceArgs.parse(argv);
        AnshinConfig config = AnshinConfig.load(args.configDir());
        IngestOptions options = IngestOptions.from(args);
        IngestService service = IngestService.start(config, args, options);
        for (String line : demoTokenLines(config.operators())) {
            LOG.info("demo token (local use only): {}", line);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
    }

    /**
     * The public demo tokens ({@code demo-<sector>}) that this config accepts, one line each as
     * {@code Authorization: Bearer demo-electricity -> demo-electricity-operator [electricity]}. Only tokens whose
     * hash is in operators.yaml are listed, so a production config lists none.
     */
    public static List<String> demoTokenLines(Operators operators) {
        List<String> lines = new ArrayList<>();
        for (Operator op : operators.byId().values()) {
            for (String sector : op.sectors()) {
                String token = DEMO_TOKEN_PREFIX + sector;
                if (op.tokenSha256s().contains(org.anshin.common.config.TokenHash.sha256Hex(token))) {
                    lines.add("Authorization: Bearer " + token + " -> " + op.id() + " " + op.sectors());
                }
            }
        }
        return lines;
    }
}
