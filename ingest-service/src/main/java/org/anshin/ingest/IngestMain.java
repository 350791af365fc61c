package org.anshin.ingest;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.ingest.IngestMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8080 --routing-url http://127.0.0.1:8082 --internal-token-file F [--profile local]} (all options:
 * {@code --help}, {@link IngestCommand}). Refuses to start
 * (exit status 2, a message naming the file, entry or option) on a bad config or argument, without the internal
 * token, and outside the local profile when operators.yaml accepts one of the public demo tokens (unless
 * {@code --allow-demo-tokens true}). Stops gracefully on SIGTERM / Ctrl-C.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);
    public static final int CONFIG_ERROR_EXIT = 2;
    /** The same bound routing-service's InternalAuth enforces, checked here so both refuse alike. */
    static final int MIN_INTERNAL_TOKEN_CHARS = 16;

    record Startup(ServiceArgs args, AnshinConfig config, IngestOptions options) {
    }

    private IngestMain() {
    }

    public static void main(String[] argv) throws InterruptedException {
        if (org.anshin.common.cli.Cli.printedHelp(new IngestCommand(), argv, System.getenv(), System.out)) {
            System.exit(0);
            return;
        }
        Optional<Startup> startup = prepare(argv, System.getenv(), System.err);
        if (startup.isEmpty()) {
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        Startup s = startup.get();
        IngestService service = IngestService.start(s.config(), s.args(), s.options());
        List<String> demoLines = new java.util.ArrayList<>(s.config().operators().demoTokenLines());
        demoLines.addAll(s.config().secretariats().demoTokenLines());
        for (String line : demoLines) {
            LOG.info("demo token ({} profile): {}", s.options().localProfile() ? "local" : "opted in", line);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
    }

    /** Arguments, config files and the start-up rules, checked before anything connects anywhere. */
    static Optional<Startup> prepare(String[] argv, java.util.Map<String, String> env, PrintStream err) {
        try {
            IngestCommand command = IngestCommand.parse(argv, env);
            ServiceArgs args = command.shared();
            IngestOptions options = command.options(); // the command line before the files: its errors are quicker to fix
            AnshinConfig config = AnshinConfig.load(args.configDir());
            if (options.internalToken().isEmpty()) {
                throw new IllegalArgumentException("no internal token for routing-service's query API: set "
                        + "--internal-token, ANSHIN_INTERNAL_TOKEN or ANSHIN_INTERNAL_TOKEN_FILE (the value routing has)");
            }
            if (options.internalToken().get().length() < MIN_INTERNAL_TOKEN_CHARS) {
                throw new IllegalArgumentException("the internal token must be at least " + MIN_INTERNAL_TOKEN_CHARS
                        + " characters (routing-service refuses shorter ones)");
            }
            List<String> demo = config.operators().demoTokenLines();
            List<String> demoSecretariats = config.secretariats().demoTokenLines();
            if (!demo.isEmpty() && !options.localProfile() && !options.allowDemoTokens()) {
                throw new IllegalArgumentException(config.dir().resolve("operators.yaml") + " accepts "
                        + demo.size() + " public demo token(s) (e.g. '" + demo.get(0).replace("Authorization: Bearer ", "")
                        + "'), which anyone can send; outside --profile local ingest starts only with your own "
                        + "operator tokens, or with --allow-demo-tokens true (ANSHIN_ALLOW_DEMO_TOKENS=true) to try it out");
            }
            // the secretariat demo tokens would let anyone issue advisories to every operator in NISC's name
            if (!demoSecretariats.isEmpty() && !options.localProfile() && !options.allowDemoTokens()) {
                throw new IllegalArgumentException(config.dir().resolve(org.anshin.common.config.Secretariats.FILE)
                        + " accepts " + demoSecretariats.size() + " public demo token(s) (e.g. '"
                        + demoSecretariats.get(0).replace("Authorization: Bearer ", "") + "'), which anyone can send;"
                        + " outside --profile local ingest starts only with your own secretariat tokens, or with"
                        + " --allow-demo-tokens true (ANSHIN_ALLOW_DEMO_TOKENS=true) to try it out");
            }
            return Optional.of(new Startup(args, config, options));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("ingest-service: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
