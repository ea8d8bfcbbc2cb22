package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.mirror.evm.Address;
import io.vavr.Tuple2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log scan cache: resumes after the last finished page, and drops a page cut short. */
class ScanCacheTest {

    private static final Address COMET = Address.ofNumber(0xC0E7);
    private static final Address A = Address.ofNumber(0xA);
    private static final Address B = Address.ofNumber(0xB);

    @TempDir
    Path folder;

    private final Set<Address> accounts = new TreeSet<>();
    private final Set<Address> absorbers = new TreeSet<>();
    private final Set<Tuple2<Address, Address>> managers = new java.util.HashSet<>();

    @Test
    void resumesAfterTheLastFinishedPageAndDropsAPageCutShort() throws IOException {
        ScanCache cache = ScanCache.in(folder, "comet", 1, COMET, 100, 0);
        assertThat(cache.resume(0, accounts, absorbers, managers)).isZero();
        cache.page(9, List.of("account " + A, "absorber " + B, "manager " + A + " " + B));
        cache.page(19, List.of("account " + B));
        Path file = folder.resolve("comet-1-" + COMET.hex() + "-100-from-0.scan");
        // an interruption in the middle of the third page
        Files.writeString(
                file,
                Files.readString(file) + "account " + A + "\naccount 0x12",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(ScanCache.in(folder, "comet", 1, COMET, 100, 0).resume(0, accounts, absorbers, managers))
                .isEqualTo(20);
        assertThat(accounts).containsExactly(A, B);
        assertThat(absorbers).containsExactly(B);
        assertThat(managers).containsExactly(new Tuple2<>(A, B));
        assertThat(Files.readString(file)).endsWith("scanned 19\n");

        // another block is another scan
        assertThat(ScanCache.in(folder, "comet", 1, COMET, 101, 0).resume(0, new TreeSet<>(), absorbers, managers))
                .isZero();
    }

    @Test
    void refusesAFileThatIsNotAScanCache() throws IOException {
        Files.writeString(folder.resolve("comet-1-" + COMET.hex() + "-100-from-0.scan"), "hello\n");
        assertThatThrownBy(
                        () -> ScanCache.in(folder, "comet", 1, COMET, 100, 0).resume(0, accounts, absorbers, managers))
                .isInstanceOfSatisfying(
                        ReadAbort.class,
                        e -> assertThat(e.failure().message())
                                .endsWith("is not a scan cache of this version; delete it to scan again"));
    }
}
