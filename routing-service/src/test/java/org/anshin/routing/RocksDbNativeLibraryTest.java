package org.anshin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.util.Environment;

/**
 * routing-service's state stores are RocksDB, a C++ library reached through JNI: a runtime without
 * the C++ runtime it links against fails only when Kafka Streams opens its first store, long after
 * start-up. The service image (docker/service.Dockerfile) is built for linux/amd64 and linux/arm64
 * on a glibc base with libstdc++; without a Docker engine here, this is as close as the build gets
 * to proving that image's JVM can load it: the library loads and works on this (glibc) JVM, and the
 * rocksdbjni jar on the classpath carries the glibc build of the library for both architectures,
 * linked against glibc and libstdc++ (not musl).
 */
class RocksDbNativeLibraryTest {
    /** The image's architectures and what rocksdbjni names their glibc library; keep in step with the Dockerfile. */
    private enum ImageArch {
        AMD64("librocksdbjni-linux64.so", 62, "ld-linux-x86-64.so.2"),
        ARM64("librocksdbjni-linux-aarch64.so", 183, "ld-linux-aarch64.so.1");

        final String entry;
        final int elfMachine;
        final String glibcLoader;

        ImageArch(String entry, int elfMachine, String glibcLoader) {
            this.entry = entry;
            this.elfMachine = elfMachine;
            this.glibcLoader = glibcLoader;
        }
    }

    @TempDir
    Path dir;

    @Test
    void loadsTheNativeLibraryAsKafkaStreamsDoesAndStoresAKey() throws RocksDBException {
        RocksDB.loadLibrary();
        byte[] key = "incident:tepco-2026-0042".getBytes(StandardCharsets.UTF_8);
        byte[] value = "AMBER".getBytes(StandardCharsets.UTF_8);
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, dir.resolve("store").toString())) {
            db.put(key, value);
            assertThat(db.get(key)).as("value read back").isEqualTo(value);
            assertThat(db.get("absent".getBytes(StandardCharsets.UTF_8))).isNull();
        }
        // and again after a reopen: the write reached the files, not only the memtable of one handle
        try (Options options = new Options();
                RocksDB db = RocksDB.open(options, dir.resolve("store").toString())) {
            assertThat(db.get(key)).as("value after reopen").isEqualTo(value);
        }
    }

    @Test
    void onGlibcLinuxTheGlibcBuildIsTheOneLoaded() {
        // what NativeLibraryLoader picks on this JVM: on a glibc Linux the non-musl file
        if (Environment.isUnix() && !Environment.isMac() && !Environment.isMuslLibc()) {
            assertThat(Environment.getJniLibraryFileName("rocksdb"))
                    .startsWith("librocksdbjni-linux")
                    .doesNotContain("musl");
        }
    }

    @Test
    void theJarCarriesTheGlibcLibraryForEveryImageArchitecture() throws IOException, URISyntaxException {
        Path jar = Path.of(RocksDB.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).as("rocksdbjni on the classpath").startsWith("rocksdbjni-");
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ImageArch arch : ImageArch.values()) {
                JarEntry entry = file.getJarEntry(arch.entry);
                assertThat(entry).as(arch + ": " + arch.entry + " in " + jar.getFileName()).isNotNull();
                byte[] elf;
                try (InputStream in = file.getInputStream(entry)) {
                    elf = in.readAllBytes();
                }
                assertThat(elf.length).as(arch.entry + " size").isGreaterThan(1_000_000);
                // ELF magic, 64-bit class, little-endian, the architecture's e_machine
                assertThat(new byte[] {elf[0], elf[1], elf[2], elf[3]}).as(arch.entry + " is ELF")
                        .isEqualTo(new byte[] {0x7f, 'E', 'L', 'F'});
                assertThat(elf[4]).as(arch.entry + " ELFCLASS64").isEqualTo((byte) 2);
                assertThat(elf[5]).as(arch.entry + " little-endian").isEqualTo((byte) 1);
                int machine = (elf[18] & 0xff) | (elf[19] & 0xff) << 8;
                assertThat(machine).as(arch.entry + " e_machine").isEqualTo(arch.elfMachine);
                // the dynamic section's needed libraries (names in .dynstr): glibc and libstdc++, not musl
                String strings = new String(elf, StandardCharsets.ISO_8859_1);
                for (String needed : new String[] {"libstdc++.so.6", "libc.so.6", arch.glibcLoader}) {
                    assertThat(strings.contains(needed)).as(arch.entry + " links against " + needed).isTrue();
                }
                assertThat(strings.contains("libc.musl")).as(arch.entry + " links against musl").isFalse();
            }
        }
    }
}
