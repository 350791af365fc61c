package org.anshin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU of the JIT compiler threads of some JVMs over a window, from {@code /proc/<pid>/task/<tid>/stat} (threads
 * named "C1 CompilerThre..." and "C2 CompilerThre..."). HotSpot starts and stops compiler threads as its queue
 * grows and shrinks, and a thread's ticks vanish with it: the threads are sampled every 200 ms and each one's
 * last ticks kept, so a thread that ends between two samples loses at most 200 ms of its CPU (this errs low).
 */
final class CompilerThreads implements AutoCloseable {
    private final Map<String, Long> pids;
    /** name -> tid -> ticks at the first sample (or 0 for a thread born in the window) and at the last one. */
    private final Map<String, Map<Long, long[]>> seen = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-compiler-threads");
        t.setDaemon(true);
        return t;
    });
    private boolean first = true;

    private CompilerThreads(Map<String, Long> pids) {
        this.pids = pids;
    }

    static CompilerThreads start(Map<String, Long> pids) {
        CompilerThreads c = new CompilerThreads(pids);
        c.sample();
        c.timer.scheduleAtFixedRate(c::sample, 200, 200, TimeUnit.MILLISECONDS);
        return c;
    }

    private synchronized void sample() {
        pids.forEach((name, pid) -> {
            Map<Long, long[]> threads = seen.computeIfAbsent(name, n -> new HashMap<>());
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            try (Stream<Path> list = Files.list(tasks)) {
                list.forEach(task -> {
                    String stat = read(task.resolve("stat"));
                    if (stat == null || !isCompiler(stat)) {
                        return;
                    }
                    long ticks = Cpu.parse(stat).own();
                    long tid = Long.parseLong(task.getFileName().toString());
                    long[] t = threads.computeIfAbsent(tid, k -> new long[] {first ? ticks : 0, ticks});
                    t[1] = ticks;
                });
            } catch (IOException | RuntimeException e) {
                // the process is gone or /proc is unreadable: what was sampled so far stands
            }
        });
        first = false;
    }

    /** Compiler threads name themselves "C1 CompilerThre" / "C2 CompilerThre" (comm holds 15 characters). */
    static boolean isCompiler(String statLine) {
        int open = statLine.indexOf('(');
        return open >= 0 && (statLine.startsWith("C1 Compiler", open + 1) || statLine.startsWith("C2 Compiler", open + 1));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops sampling; per process, the compiler threads' ticks since {@link #start}. */
    synchronized Map<String, Long> stop() {
        timer.shutdownNow();
        sample();
        Map<String, Long> out = new LinkedHashMap<>();
        pids.keySet().forEach(name -> out.put(name, seen.getOrDefault(name, Map.of()).values().stream()
                .mapToLong(t -> t[1] - t[0]).sum()));
        return out;
    }

    /** How many compiler threads of process {@code name} were seen so far. */
    synchronized int threadsSeen(String name) {
        return seen.getOrDefault(name, Map.of()).size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
