package org.anshin.notifier;

import java.io.PrintStream;
import java.util.Optional;
import org.anshin.common.ServiceArgs;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.notifier.channel.ChannelSpecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java org.anshin.notifier.NotifierMain --config DIR --bootstrap-servers H:P --schema-registry-url URL
 * --port 8083 [--group-id anshin-notifier] [--instance-id notifier-1] [--max-attempts 6 --max-age PT10M ...]}
 * (options: see {@link NotifierSettings}). Stops gracefully on SIGTERM / Ctrl-C, within
 * {@link NotifierService#SHUTDOWN_BUDGET}.
 *
 * <p>Exit status: {@value #CONFIG_ERROR_EXIT} with one line on stderr for a bad argument or config file (as
 * ingest and routing), {@value #FATAL_EXIT} when a thread of the job died or start-up failed otherwise, so that
 * a supervisor restarts it.
 */
public final class NotifierMain {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierMain.class);
    public static final int CONFIG_ERROR_EXIT = 2;
    public static final int FATAL_EXIT = 1;

    /** Arguments, settings and config files (channels and their secrets included), read and checked. */
    public record Startup(ServiceArgs args, AnshinConfig config, NotifierSettings settings) {
        @Override
        public String toString() {
            return "Startup[" + config.dir() + "]"; // never a secret
        }
    }

    private NotifierMain() {
    }

    public static void main(String[] argv) {
        if (org.anshin.common.cli.Cli.printedHelp(new NotifierCommand(), argv, System.getenv(), System.out)) {
            System.exit(0);
            return;
        }
        Optional<Startup> startup = prepare(argv, System.err);
        if (startup.isEmpty()) {
            System.exit(CONFIG_ERROR_EXIT);
            return;
        }
        Startup s = startup.get();
        NotifierApp app;
        try {
            app = NotifierApp.start(s.args(), s.config(), s.settings());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("notifier-service: refusing to start: " + e.getMessage());
            System.exit(CONFIG_ERROR_EXIT);
            return;
        } catch (RuntimeException e) {
            LOG.error("notifier-service could not start: {}", e.toString());
            System.exit(FATAL_EXIT);
            return;
        }
        LOG.info("notifier-service on http://{}:{} (/health/ready, /metrics)", s.args().bindAddress(), app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "notifier-shutdown"));
        // a dead poll loop or state tailer must not leave a process that answers /health/live and delivers nothing
        Throwable fatal = app.fatal().join();
        LOG.error("notifier-service stops: {}", fatal.getMessage());
        System.exit(FATAL_EXIT);
    }

    /**
     * Parses the arguments and loads and validates the settings and config files, before anything connects.
     *
     * @return the startup, or empty after printing to {@code err} one line saying why it must not start
     */
    public static Optional<Startup> prepare(String[] argv, PrintStream err) {
        try {
            NotifierCommand command = NotifierCommand.parse(argv, System.getenv());
            ServiceArgs args = command.shared();
            args.port(NotifierSettings.DEFAULT_PORT);
            args.instanceId();
            args.kafkaClientProperties();
            NotifierSettings settings = command.settings();
            AnshinConfig config = AnshinConfig.load(args.configDir());
            ChannelSpecs.parse(config.dir().resolve(Ceptoars.FILE), config.ceptoars());
            return Optional.of(new Startup(args, config, settings));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("notifier-service: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
