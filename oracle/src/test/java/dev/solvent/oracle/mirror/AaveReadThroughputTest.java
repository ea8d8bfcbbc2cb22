package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.aave.AaveBook;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (excluded from normal runs; run it by name): reads a book of 1,000 Aave v3.3 users from
 * anvil, then verifies it, and reports the wall time and the JSON-RPC calls per user to stdout and
 * {@code target/aave-read-throughput.txt}.
 *
 * <p>{@code ./mvnw -o -q test -pl oracle -am -Dtest=AaveReadThroughputTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class AaveReadThroughputTest {

    private static final int USERS = 1_000;

    @Test
    void readsAThousandUsers() throws IOException {
        Either<String, AnvilChain> started = AnvilChain.start();
        assumeTrue(started.isRight(), started::getLeft);
        try (AnvilChain anvil = started.get()) {
            long b0 = System.nanoTime();
            AaveBook book = AaveBook.create(anvil, AaveVersion.V3_3, USERS, 1_000);
            long b1 = System.nanoTime();
            try (AaveReader reader =
                    AaveReader.create(AaveVersion.V3_3, new RpcUrl(book.url()), RpcSettings.DEFAULTS)) {
                long r0 = System.nanoTime();
                long[] scanned = new long[1];
                AaveSnapshot snapshot = reader.read(
                                book.pool(),
                                Option.none(),
                                0,
                                10_000,
                                Option.none(),
                                line -> scanned[0] = System.nanoTime())
                        .get();
                long r1 = System.nanoTime();
                long readCalls = reader.calls();
                long readRequests = reader.requests();
                List<Disagreement> wrong = reader.verify(snapshot).get();
                long r2 = System.nanoTime();
                assertThat(wrong).isEmpty();
                int users = snapshot.state().userConfig().size();
                assertThat(users).isGreaterThanOrEqualTo(USERS);
                String line = String.format(
                        Locale.ROOT,
                        "aave v3.3 read: %d users with a position (book of %d built in %.1f s), %d reserves; read %.2f"
                                + " s (log scan done at %.2f s), %d calls in %d requests (%.2f calls per user); verify %.2f s, %d calls"
                                + " (%.2f per user); read + verify %.2f s%n",
                        users,
                        USERS,
                        (b1 - b0) / 1e9,
                        snapshot.state().reserves().size(),
                        (r1 - r0) / 1e9,
                        (scanned[0] - r0) / 1e9,
                        readCalls,
                        readRequests,
                        (double) readCalls / users,
                        (r2 - r1) / 1e9,
                        reader.calls() - readCalls,
                        (double) (reader.calls() - readCalls) / users,
                        (r2 - r0) / 1e9);
                System.out.print(line);
                Path out = Path.of("target", "aave-read-throughput.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, line);
            }
        }
    }
}
