import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Build-time proof, run by docker/service.Dockerfile in the runtime stage of the routing-service
 * image (and by docker/validate.sh on the build machine's JVM), that the JVM loads RocksDB's JNI
 * library the way Kafka Streams does and that it works: a base image without glibc/libstdc++ fails
 * the image build here instead of the first state store at run time. Leaves nothing behind.
 *
 *   java -cp "DIR:/app/lib/*" RocksDbSmoke        (DIR holds this file compiled)
 */
public final class RocksDbSmoke {
    public static void main(String[] args) throws Exception {
        RocksDB.loadLibrary();
        Path dir = Files.createTempDirectory("rocksdb-smoke");
        byte[] key = "smoke".getBytes(StandardCharsets.UTF_8);
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, dir.toString())) {
            db.put(key, key);
            byte[] back = db.get(key);
            if (back == null || !new String(back, StandardCharsets.UTF_8).equals("smoke")) {
                throw new IllegalStateException("RocksDB read back " + (back == null ? "nothing" : "a different value"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("rocksdb " + RocksDB.rocksdbVersion() + ": " + Environment.getJniLibraryFileName("rocksdb")
                + " loaded on " + System.getProperty("os.arch") + ", wrote and read a key");
    }
}
