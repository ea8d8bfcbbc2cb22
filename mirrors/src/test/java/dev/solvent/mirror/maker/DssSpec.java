package dev.solvent.mirror.maker;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One collateral type ("ilk") of a dss deployment, in dss's own units: every value is what the contract's
 * {@code file} (or {@code poke}) receives. {@link DssChain#deploy} files them in the order dss's tests do.
 *
 * <p>Units: WAD = 10^18, RAY = 10^27, RAD = 10^45; times in seconds. Integers must fit a {@code uint256}; the
 * contracts' own narrowing (the Clipper's {@code uint64 chip} and {@code uint192 tip}, the Flipper's {@code uint48}
 * times) is theirs to apply, so a spec may pass a wider value and see what dss does with it.
 *
 * @param ilk the ilk's name as text, at most 32 bytes of UTF-8 (e.g. {@code "ETH-A"}); on chain it is
 *     {@link #bytes32(String)} of it
 * @param price the pip's first price [WAD], poked before {@code spot.poke}
 */
record DssSpec(
        String ilk,
        BigInteger price,
        VatConfig vat,
        SpotConfig spot,
        JugConfig jug,
        DogConfig dog,
        ClipConfig clip,
        CatConfig cat,
        FlipConfig flip) {

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger RAY = BigInteger.TEN.pow(27);
    static final BigInteger RAD = BigInteger.TEN.pow(45);
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    DssSpec {
        Objects.requireNonNull(ilk, "ilk");
        if (ilk.getBytes(StandardCharsets.UTF_8).length > 32) {
            throw new IllegalArgumentException("an ilk name is at most 32 bytes: " + ilk);
        }
        uint("price", price);
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(spot, "spot");
        Objects.requireNonNull(jug, "jug");
        Objects.requireNonNull(dog, "dog");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(cat, "cat");
        Objects.requireNonNull(flip, "flip");
    }

    /** Vat: {@code file(ilk, "line")}, {@code file("Line")}, {@code file(ilk, "dust")}, all [RAD]. */
    record VatConfig(BigInteger line, BigInteger Line, BigInteger dust) {
        VatConfig {
            uint("vat.line", line);
            uint("vat.Line", Line);
            uint("vat.dust", dust);
        }
    }

    /** Spotter: {@code file(ilk, "mat")} [RAY] and {@code file("par")} [RAY]. */
    record SpotConfig(BigInteger mat, BigInteger par) {
        SpotConfig {
            uint("spot.mat", mat);
            uint("spot.par", par);
        }
    }

    /** Jug: {@code file(ilk, "duty")} and {@code file("base")}, per-second rates [RAY] ({@code duty} includes the 1). */
    record JugConfig(BigInteger duty, BigInteger base) {
        JugConfig {
            uint("jug.duty", duty);
            uint("jug.base", base);
        }
    }

    /** Dog: {@code file("Hole")} and {@code file(ilk, "hole")} [RAD], {@code file(ilk, "chop")} [WAD, at least 1]. */
    record DogConfig(BigInteger Hole, BigInteger hole, BigInteger chop) {
        DogConfig {
            uint("dog.Hole", Hole);
            uint("dog.hole", hole);
            uint("dog.chop", chop);
        }
    }

    /**
     * Clipper: {@code buf} [RAY], {@code tail} [seconds], {@code cusp} [RAY], {@code chip} [WAD], {@code tip} [RAD],
     * and its price calculator.
     */
    record ClipConfig(BigInteger buf, long tail, BigInteger cusp, BigInteger chip, BigInteger tip, Calc calc) {
        ClipConfig {
            uint("clip.buf", buf);
            seconds("clip.tail", tail);
            uint("clip.cusp", cusp);
            uint("clip.chip", chip);
            uint("clip.tip", tip);
            Objects.requireNonNull(calc, "clip.calc");
        }
    }

    /** The Clipper's price curve: one of the three abaci of {@code abaci.sol}, with its {@code file}d parameters. */
    sealed interface Calc {

        /** {@code LinearDecrease}: {@code file("tau")}, seconds until the price reaches 0. */
        record Linear(long tau) implements Calc {
            public Linear {
                seconds("calc.tau", tau);
            }
        }

        /** {@code StairstepExponentialDecrease}: {@code file("step")} [seconds], {@code file("cut")} [RAY]. */
        record Stairstep(long step, BigInteger cut) implements Calc {
            public Stairstep {
                seconds("calc.step", step);
                uint("calc.cut", cut);
            }
        }

        /** {@code ExponentialDecrease}: {@code file("cut")} [RAY], the per-second factor. */
        record Exponential(BigInteger cut) implements Calc {
            public Exponential {
                uint("calc.cut", cut);
            }
        }
    }

    /** Cat: {@code file("box")} [RAD], {@code file(ilk, "chop")} [WAD], {@code file(ilk, "dunk")} [RAD]. */
    record CatConfig(BigInteger box, BigInteger chop, BigInteger dunk) {
        CatConfig {
            uint("cat.box", box);
            uint("cat.chop", chop);
            uint("cat.dunk", dunk);
        }
    }

    /** Flipper: {@code file("beg")} [WAD], {@code file("ttl")} and {@code file("tau")} [seconds]. */
    record FlipConfig(BigInteger beg, long ttl, long tau) {
        FlipConfig {
            uint("flip.beg", beg);
            seconds("flip.ttl", ttl);
            seconds("flip.tau", tau);
        }
    }

    /**
     * {@return an ETH-A-like ilk} Mainnet-like values: price 2,000, mat 1.45, a 2%-a-year duty, Line 1B, line 500M,
     * dust 10k; Dog Hole 100M, hole 50M, chop 1.13; Clipper buf 1.2, tail 8,400 s, cusp 0.4, chip 0.1%, tip 300, a
     * stairstep of 1% every 90 s; Cat box 15M, chop 1.13, dunk 50k; Flipper beg 1.03, ttl and tau 6 h.
     */
    static DssSpec ethA() {
        return new DssSpec(
                "ETH-A",
                wad(2_000),
                new VatConfig(rad(500_000_000), rad(1_000_000_000), rad(10_000)),
                new SpotConfig(fraction(145, 100, RAY), RAY),
                // 1.02^(1/31536000) in RAY, the value dss spells for a 2% yearly fee
                new JugConfig(new BigInteger("1000000000627937192491029810"), BigInteger.ZERO),
                new DogConfig(rad(100_000_000), rad(50_000_000), fraction(113, 100, WAD)),
                new ClipConfig(
                        fraction(12, 10, RAY),
                        8_400,
                        fraction(4, 10, RAY),
                        fraction(1, 1_000, WAD),
                        rad(300),
                        new Calc.Stairstep(90, fraction(99, 100, RAY))),
                new CatConfig(rad(15_000_000), fraction(113, 100, WAD), rad(50_000)),
                new FlipConfig(fraction(103, 100, WAD), 21_600, 21_600));
    }

    /** {@return this spec with another Clipper price curve} */
    DssSpec withCalc(Calc calc) {
        return new DssSpec(
                ilk,
                price,
                vat,
                spot,
                jug,
                dog,
                new ClipConfig(clip.buf(), clip.tail(), clip.cusp(), clip.chip(), clip.tip(), calc),
                cat,
                flip);
    }

    /** {@return the ilk as the contracts see it: {@link #bytes32(String)} of its name} */
    String ilkBytes32() {
        return bytes32(ilk);
    }

    /** {@return text as a Solidity {@code bytes32} literal: UTF-8, right-padded with zeros, as lower-case hex} */
    static String bytes32(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 32) {
            throw new IllegalArgumentException("longer than 32 bytes: " + text);
        }
        return "0x" + HexFormat.of().formatHex(utf8) + "00".repeat(32 - utf8.length);
    }

    static BigInteger wad(long n) {
        return BigInteger.valueOf(n).multiply(WAD);
    }

    static BigInteger ray(long n) {
        return BigInteger.valueOf(n).multiply(RAY);
    }

    static BigInteger rad(long n) {
        return BigInteger.valueOf(n).multiply(RAD);
    }

    /** {@return {@code unit * numerator / denominator}, exact or truncated} */
    static BigInteger fraction(long numerator, long denominator, BigInteger unit) {
        return unit.multiply(BigInteger.valueOf(numerator)).divide(BigInteger.valueOf(denominator));
    }

    private static void uint(String field, BigInteger value) {
        Objects.requireNonNull(value, field);
        if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException(field + " is not a uint256: " + value);
        }
    }

    private static void seconds(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " is negative: " + value);
        }
    }
}
