package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.comet.CometBook;
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
 * A measurement, not a test (excluded from normal runs; run it by name): reads a book of 1,000 accounts from anvil,
 * then verifies it, and reports the wall time and the JSON-RPC calls per account to stdout and
 * {@code target/comet-read-throughput.txt}.
 *
 * <p>{@code ./mvnw -o -q test -pl oracle -am -Dtest=CometReadThroughputTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class CometReadThroughputTest {

    private static final int ACCOUNTS = 1_000;

    @Test
    void readsAThousandAccounts() throws IOException {
        Either<String, AnvilChain> started = AnvilChain.start();
        assumeTrue(started.isRight(), started::getLeft);
        try (AnvilChain anvil = started.get()) {
            long b0 = System.nanoTime();
            CometBook book = CometBook.create(anvil, ACCOUNTS, 1_000);
            long b1 = System.nanoTime();
            try (CometReader reader = CometReader.create(new RpcUrl(book.url()), RpcSettings.DEFAULTS)) {
                long r0 = System.nanoTime();
                CometSnapshot snapshot = reader.read(book.comet(), Option.none(), 0, 10_000, line -> {})
                        .get();
                long r1 = System.nanoTime();
                long readCalls = reader.calls();
                long readRequests = reader.requests();
                List<Disagreement> wrong = reader.verify(snapshot).get();
                long r2 = System.nanoTime();
                assertThat(wrong).isEmpty();
                int accounts = snapshot.state().userBasic().size();
                assertThat(accounts).isGreaterThanOrEqualTo(ACCOUNTS);
                String line = String.format(
                        Locale.ROOT,
                        "comet read: %d accounts (book of %d built in %.1f s); read %.2f s, %d calls in %d requests"
                                + " (%.2f calls per account); verify %.2f s, %d calls (%.2f per account);"
                                + " read + verify %.2f s%n",
                        accounts,
                        ACCOUNTS,
                        (b1 - b0) / 1e9,
                        (r1 - r0) / 1e9,
                        readCalls,
                        readRequests,
                        (double) readCalls / accounts,
                        (r2 - r1) / 1e9,
                        reader.calls() - readCalls,
                        (double) (reader.calls() - readCalls) / accounts,
                        (r2 - r0) / 1e9);
                System.out.print(line);
                Path out = Path.of("target", "comet-read-throughput.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, line);
            }
        }
    }
}
