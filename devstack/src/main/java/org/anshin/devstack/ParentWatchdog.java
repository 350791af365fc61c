package org.anshin.devstack;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM started by {@link ManagedProcess#startJava}: runs the real main class, and
 * exits this JVM (running its shutdown hooks) as soon as the parent process is gone, so that a parent killed
 * with SIGKILL leaves no orphan broker or registry behind.
 *
 * <p>Usage: {@code java -cp ... org.anshin.devstack.ParentWatchdog <parentPid> <mainClass> [args...]}.
 * Uses the JDK only, so it can sit on any classpath.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parentPid> <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        String mainClass = args[1];
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("parent process " + parentPid + " is gone; not starting " + mainClass);
            System.exit(3);
        }
        Thread watcher = new Thread(() -> {
            ProcessHandle p = parent.get();
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (!p.isAlive()) {
                    System.err.println("parent process " + parentPid + " is gone; shutting down " + mainClass);
                    Runtime.getRuntime().halt(exitAfterHooks());
                }
            }
        }, "anshin-parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(mainClass, true, ParentWatchdog.class.getClassLoader())
                .getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) rest);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Runs System.exit in another thread (so shutdown hooks run), waits for it up to 30 s, returns the code for halt. */
    private static int exitAfterHooks() {
        Thread t = new Thread(() -> System.exit(0), "anshin-parent-watchdog-exit");
        t.start();
        try {
            t.join(30_000);
        } catch (InterruptedException ignored) {
            // halt below
        }
        return 1;
    }
}
