package org.anshin.ingest.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.anshin.ingest.IngestRunner;
import org.anshin.ingest.IngestService;
import org.anshin.ingest.TestConfig;
import org.anshin.schemas.Topics;
import org.anshin.testsupport.LocalInfra;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs {@link IngestBench} against a real in-process broker and Apicurio registry (test-support) and an
 * IngestService in this JVM, with a test operator whose rate limit is out of the way. Arguments: seconds,
 * connections. Or {@code --url http://host:port --token T [seconds connections]} to load an already running
 * service, or {@code --serve} to start broker, registry and service for an external loader such as wrk
 * ({@code bench/src/main/resources/org/anshin/bench/ingest.lua}, the script ./anshin bench uses).
 *
 * <pre>
 *   mvn -o -f ingest-service/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 *   java -cp ingest-service/target/test-classes:ingest-service/target/classes:$(cat ingest-service/target/test-cp.txt) \
 *        -Danshin.apicurio.dir=$PWD/test-support/target/apicurio -Danshin.repo.root=$PWD \
 *        org.anshin.ingest.bench.IngestBenchMain 30 64
 * </pre>
 */
public final class IngestBenchMain {
    private IngestBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("--url")) {
            int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
            int connections = args.length > 5 ? Integer.parseInt(args[5]) : 64;
            IngestBench.run(args[1], args[3], Duration.ofSeconds(seconds), connections, System.out);
            return;
        }
        boolean serve = args.length > 0 && args[0].equals("--serve");
        int seconds = args.length > 0 && !serve ? Integer.parseInt(args[0]) : 30;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path config = TestConfig.write();
        try (LocalInfra infra = LocalInfra.start()) {
            String topic = "bench." + Topics.REPORTS;
            infra.createTopics(new NewTopic(topic, Topics.REPORT_PARTITIONS, (short) 1));
            try (IngestService service = IngestRunner.startReady(config, infra.bootstrapServers(), infra.registryUrl(), topic)) {
                String url = "http://127.0.0.1:" + service.port();
                if (serve) {
                    // for an external load generator (wrk): runs until stdin closes or the process is stopped
                    System.out.println("SERVING " + url + " token " + TestConfig.ALL_TOKEN);
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                    return;
                }
                System.out.println("warm-up 10 s ...");
                IngestBench.run(url, TestConfig.ALL_TOKEN, Duration.ofSeconds(10), connections, System.out);
                System.out.println("measured run:");
                IngestBench.run(url, TestConfig.ALL_TOKEN, Duration.ofSeconds(seconds), connections, System.out);
            }
        }
    }
}
