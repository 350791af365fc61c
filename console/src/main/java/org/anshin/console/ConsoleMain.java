package org.anshin.console;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.ConfigException;

/**
 * {@code java org.anshin.console.ConsoleMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8084 --ingest-url http://127.0.0.1:8080 [--profile local]}. Refuses to start (exit 2, naming the file,
 * entry or option) on a bad config or option, and outside the local profile while secretariats.yaml accepts a
 * public demo token (unless {@code --allow-demo-tokens true}).
 */
public final class ConsoleMain {
    public static final int CONFIG_ERROR_EXIT = 2;

    private ConsoleMain() {
    }

    record Startup(ServiceArgs args, AnshinConfig config, ConsoleOptions options) {
    }

    public static void main(String[] argv) throws InterruptedException {
        if (org.anshin.common.cli.Cli.printedHelp(new ConsoleCommand(), argv, System.getenv(), System.out)) {
            System.exit(0);
            return;
        }
        Optional<Startup> s = prepare(argv, System.getenv(), System.err);
        if (s.isEmpty()) {
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        ConsoleService service = ConsoleService.start(s.get().config(), s.get().args(), s.get().options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "console-shutdown"));
        stopped.await();
    }

    static Optional<Startup> prepare(String[] argv, java.util.Map<String, String> env, PrintStream err) {
        try {
            ConsoleCommand command = ConsoleCommand.parse(argv, env);
            ServiceArgs args = command.shared();
            ConsoleOptions options = command.options();
            AnshinConfig config = AnshinConfig.load(args.configDir());
            List<String> demo = config.secretariats().demoTokenLines();
            if (!demo.isEmpty() && !options.localProfile() && !options.allowDemoTokens()) {
                throw new IllegalArgumentException(config.dir().resolve(org.anshin.common.config.Secretariats.FILE)
                        + " accepts " + demo.size() + " public demo token(s), with which anyone could sign in as a"
                        + " secretariat; outside --profile local the console starts only with your own tokens, or"
                        + " with --allow-demo-tokens true (ANSHIN_ALLOW_DEMO_TOKENS=true) to try it out");
            }
            return Optional.of(new Startup(args, config, options));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("console: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
