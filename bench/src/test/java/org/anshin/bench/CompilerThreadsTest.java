package org.anshin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompilerThreadsTest {
    @Test
    void onlyHotSpotsCompilerThreadsCount() {
        assertThat(CompilerThreads.isCompiler("4242 (C2 CompilerThre) S 1 2 3")).isTrue();
        assertThat(CompilerThreads.isCompiler("4243 (C1 CompilerThre) R 1 2 3")).isTrue();
        assertThat(CompilerThreads.isCompiler("4244 (kafka-producer-) S 1 2 3")).isFalse();
        assertThat(CompilerThreads.isCompiler("4245 (VM Thread) S 1 2 3")).isFalse();
    }

    @Test
    void thisJvmsCompilerThreadsAreFound() {
        long self = ProcessHandle.current().pid();
        try (CompilerThreads jit = CompilerThreads.start(Map.of("self", self))) {
            // keep the JIT busy for a while: new methods to compile
            long sum = 0;
            for (int i = 0; i < 2_000_000; i++) {
                sum += Integer.toString(i).hashCode();
            }
            assertThat(sum).isNotZero();
            Map<String, Long> ticks = jit.stop();
            // a HotSpot JVM has at least one C1 or C2 thread (a wrong comm match would find none)
            assertThat(jit.threadsSeen("self")).isPositive();
            assertThat(ticks).containsOnlyKeys("self");
            assertThat(ticks.get("self")).isNotNegative();
        }
    }
}
