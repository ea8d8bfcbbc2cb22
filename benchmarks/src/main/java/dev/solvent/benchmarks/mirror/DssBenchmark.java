package dev.solvent.benchmarks.mirror;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.maker.Dss;
import dev.solvent.mirror.maker.DssBlock;
import dev.solvent.mirror.maker.DssCall;
import dev.solvent.mirror.maker.DssState;
import io.vavr.collection.HashSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Maker mirror's liquidation calls on an ETH-A-like system with 100 vaults after a crash: a {@code bark}, a
 * {@code take} of a running auction, and one stairstep price, each per second on one thread, to set beside anvil's
 * figures for the same calls on dss's bytecode ({@code DssThroughputTest} in the mirrors module prints both, with
 * {@code -Dsolvent.throughput=true}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DssBenchmark {

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger RAY = BigInteger.TEN.pow(27);
    static final BigInteger RAD = BigInteger.TEN.pow(45);
    static final String ILK = "ETH-A";
    static final Address D = Address.ofNumber(0xD0);
    static final Address VAT = Address.ofNumber(0x101);
    static final Address JUG = Address.ofNumber(0x102);
    static final Address SPOT = Address.ofNumber(0x103);
    static final Address VOW = Address.ofNumber(0x104);
    static final Address DOG = Address.ofNumber(0x105);
    static final Address CAT = Address.ofNumber(0x106);
    static final Address CLIP = Address.ofNumber(0x107);
    static final Address CALC = Address.ofNumber(0x108);
    static final Address FLIP = Address.ofNumber(0x109);
    static final Address PIP = Address.ofNumber(0x10a);
    static final Address KEEPER = Address.ofNumber(0x200);

    DssState crashed;
    DssState auctioned;
    DssBlock crash;
    DssBlock later;
    Address vault;
    DssState.Abacus calc;

    private static BigInteger ray(String d) {
        return new java.math.BigDecimal(d).scaleByPowerOfTen(27).toBigIntegerExact();
    }

    private static DssState run(DssState s, DssCall call, DssBlock block) {
        return Dss.execute(s, call, block)
                .map(Dss.DssReceipt::state)
                .getOrElseThrow(r -> new IllegalStateException(call + ": " + r));
    }

    @Setup
    public void setUp() {
        long t = 1_700_000_000L;
        DssBlock calm = new DssBlock(t, Map.of(PIP, new DssBlock.Peek(WAD.multiply(BigInteger.valueOf(2_000)), true)));
        DssState s = DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, D);
        s = Dss.withCalc(
                s,
                new DssState.Abacus.StairstepExponentialDecrease(
                        CALC, HashSet.of(D), BigInteger.ZERO, BigInteger.ZERO));
        s = Dss.withClipper(s, CLIP, D, ILK);
        s = Dss.withFlipper(s, FLIP, D, ILK);
        List<DssCall> wiring = new ArrayList<>(List.of(
                new DssCall.Rely(D, VAT, SPOT),
                new DssCall.Rely(D, VAT, JUG),
                new DssCall.FileAddress(D, JUG, "vow", VOW),
                new DssCall.FileAddress(D, DOG, "vow", VOW),
                new DssCall.Rely(D, VAT, DOG),
                new DssCall.Rely(D, VOW, DOG),
                new DssCall.Init(D, VAT, ILK),
                new DssCall.FileUint(D, VAT, "Line", RAD.multiply(BigInteger.valueOf(1_000_000_000))),
                new DssCall.FileIlkUint(D, VAT, ILK, "line", RAD.multiply(BigInteger.valueOf(500_000_000))),
                new DssCall.FileIlkUint(D, VAT, ILK, "dust", RAD.multiply(BigInteger.valueOf(10_000))),
                new DssCall.FileIlkAddress(D, SPOT, ILK, "pip", PIP),
                new DssCall.FileIlkUint(D, SPOT, ILK, "mat", ray("1.45")),
                new DssCall.Poke(D, ILK),
                new DssCall.Init(D, JUG, ILK),
                new DssCall.FileIlkUint(D, DOG, ILK, "chop", new BigInteger("1130000000000000000")),
                new DssCall.FileIlkUint(D, DOG, ILK, "hole", RAD.multiply(BigInteger.valueOf(50_000_000))),
                new DssCall.FileUint(D, DOG, "Hole", RAD.multiply(BigInteger.valueOf(100_000_000))),
                new DssCall.FileUint(D, CALC, "cut", ray("0.99")),
                new DssCall.FileUint(D, CALC, "step", BigInteger.valueOf(90)),
                new DssCall.FileAddress(D, CLIP, "vow", VOW),
                new DssCall.FileAddress(D, CLIP, "calc", CALC),
                new DssCall.FileUint(D, CLIP, "buf", ray("1.2")),
                new DssCall.FileUint(D, CLIP, "tail", BigInteger.valueOf(8_400)),
                new DssCall.FileUint(D, CLIP, "cusp", ray("0.4")),
                new DssCall.FileUint(D, CLIP, "chip", WAD.divide(BigInteger.valueOf(1_000))),
                new DssCall.FileUint(D, CLIP, "tip", RAD.multiply(BigInteger.valueOf(300))),
                new DssCall.Upchost(D, CLIP),
                new DssCall.Rely(D, CLIP, DOG),
                new DssCall.FileIlkAddress(D, DOG, ILK, "clip", CLIP),
                new DssCall.Rely(D, DOG, CLIP),
                new DssCall.Rely(D, VAT, CLIP),
                new DssCall.Suck(D, Address.ZERO, KEEPER, RAD.multiply(BigInteger.valueOf(100_000_000))),
                new DssCall.Hope(KEEPER, CLIP)));
        for (int i = 0; i < 100; i++) {
            Address owner = Address.ofNumber(0x1000 + i);
            BigInteger ink = WAD.multiply(BigInteger.valueOf(10 + i));
            // drawn to 95% of the limit at 2,000 with mat 1.45
            BigInteger art = ink.multiply(BigInteger.valueOf(2_000))
                    .multiply(BigInteger.valueOf(95))
                    .divide(BigInteger.valueOf(145));
            wiring.add(new DssCall.Slip(D, ILK, owner, ink));
            wiring.add(new DssCall.Frob(owner, ILK, owner, owner, owner, ink, art));
        }
        for (DssCall call : wiring) {
            s = run(s, call, calm);
        }
        crash = new DssBlock(t + 60, Map.of(PIP, new DssBlock.Peek(WAD.multiply(BigInteger.valueOf(1_500)), true)));
        crashed = run(s, new DssCall.Poke(KEEPER, ILK), crash);
        vault = Address.ofNumber(0x1000 + 50);
        auctioned = run(crashed, new DssCall.Bark(KEEPER, ILK, vault, KEEPER), crash);
        later = new DssBlock(t + 60 + 900, crash.pips());
        calc = auctioned.calcs().get(CALC).get();
        // the measured calls must succeed, or the benchmark would time reverts
        run(auctioned, takeCall(), later);
    }

    private DssCall takeCall() {
        return new DssCall.Take(
                KEEPER,
                CLIP,
                BigInteger.ONE,
                WAD.multiply(BigInteger.valueOf(5)),
                RAY.multiply(BigInteger.valueOf(10_000)),
                KEEPER);
    }

    /** A bark of one unsafe vault: grab, fess, kick with the feed price, the keeper's incentive. */
    @Benchmark
    public Object bark() {
        return Dss.execute(crashed, new DssCall.Bark(KEEPER, ILK, vault, KEEPER), crash);
    }

    /** A partial take of a running auction, 15 minutes (ten steps of the curve) after its kick. */
    @Benchmark
    public Object take() {
        return Dss.execute(auctioned, takeCall(), later);
    }

    /** One price of the stairstep curve, 2 hours into an auction. */
    @Benchmark
    public BigInteger stairstepPrice() {
        return Dss.price(calc, RAY.multiply(BigInteger.valueOf(1_800)), BigInteger.valueOf(7_200));
    }
}
