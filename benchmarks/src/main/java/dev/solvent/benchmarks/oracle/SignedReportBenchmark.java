package dev.solvent.benchmarks.oracle;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.feed.Address;
import dev.solvent.oracle.feed.Median;
import dev.solvent.oracle.feed.MedianRejection;
import dev.solvent.oracle.feed.Reporter;
import dev.solvent.oracle.feed.SignedReport;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signed price reports (web3j secp256k1 on Bouncy Castle): recovering one signer (signatures verified per second), a
 * full Median poke of 13 reports, and signing one report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignedReportBenchmark {

    static final String WAT = "ETHUSD";
    static final int BAR = 13;

    private Vector<Reporter> reporters;
    private Median median;
    private List<SignedReport> reports;
    private SignedReport one;

    /** Thirteen reporters and their sorted reports. */
    @Setup
    public void sign() {
        reporters = Vector.range(0, BAR).map(i -> Reporter.fromSeed(1, i));
        median = Median.of(WAT, BAR, reporters.asJava());
        reports = reporters
                .zipWithIndex()
                .map(t -> t._1().sign(I256.of(200_000_000_000L + t._2()), 1_700_000_000L, WAT))
                .asJava();
        one = reports.getFirst();
    }

    /** Recovers one report's signer: one signature verified. */
    @Benchmark
    public Address recoverOne() {
        return Median.recover(one, WAT);
    }

    /** A whole Median poke: 13 recoveries and the checks. */
    @Benchmark
    public Either<MedianRejection, Median.State> pokeThirteen() {
        return median.poke(Median.State.EMPTY, reports, 1_700_000_012L);
    }

    /** Signs one report. */
    @Benchmark
    public SignedReport signOne() {
        return reporters.head().sign(I256.of(200_000_000_000L), 1_700_000_000L, WAT);
    }
}
