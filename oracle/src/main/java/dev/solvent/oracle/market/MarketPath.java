package dev.solvent.oracle.market;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A market price path: one exact, positive price per block on a regular {@link BlockClock}, all with the same decimals.
 * Immutable; the operations below return new paths.
 *
 * <p>Prices that come from {@code double} arithmetic (generators, {@link #scaleVolatility}) are rounded to the nearest
 * unit of {@code 10^-decimals}, ties to even ({@link StrictMath#rint}), and never below one unit: a market price is
 * positive, so a collapse ends at the smallest representable price. Exact operations ({@link #startingAt}, shocks)
 * round halves up. Prices are held as {@code long} units internally (the reason for {@link MarketPrice}'s limits), so
 * a path of a million blocks is a few megabytes.
 */
public final class MarketPath implements Iterable<MarketTick> {

    private final BlockClock clock;
    private final int decimals;
    private final long[] units;

    private MarketPath(BlockClock clock, int decimals, long[] units) {
        this.clock = clock;
        this.decimals = decimals;
        this.units = units;
    }

    /**
     * {@return a path with the given prices, in units of {@code 10^-decimals}, on {@code clock}}
     *
     * @throws IllegalArgumentException if there is no price, a price is not positive, or decimals are out of range
     */
    public static MarketPath of(BlockClock clock, int decimals, long... units) {
        ParameterChecks.present("MarketPath.clock", clock);
        ParameterChecks.within("MarketPath.decimals", decimals, 0, MarketPrice.MAX_DECIMALS, "");
        ParameterChecks.require(units.length > 0, "MarketPath.prices", "a path needs at least one price");
        for (int i = 0; i < units.length; i++) {
            if (units[i] <= 0) {
                throw new IllegalArgumentException(
                        "MarketPath.prices[" + i + "]: " + units[i] + " is out of range; valid: a positive price");
            }
        }
        return new MarketPath(clock, decimals, units.clone());
    }

    /** {@return a path with the given prices, which must share their decimals} */
    public static MarketPath of(BlockClock clock, List<MarketPrice> prices) {
        ParameterChecks.require(!prices.isEmpty(), "MarketPath.prices", "a path needs at least one price");
        int d = prices.getFirst().decimals();
        long[] u = new long[prices.size()];
        for (int i = 0; i < u.length; i++) {
            MarketPrice p = prices.get(i);
            ParameterChecks.require(
                    p.decimals() == d,
                    "MarketPath.prices[" + i + "]",
                    "has " + p.decimals() + " decimals; every price of a path has the first price's " + d);
            u[i] = p.units();
        }
        return new MarketPath(clock, d, u);
    }

    /** {@return a flat path: {@code blocks} blocks at {@code price}} */
    public static MarketPath constant(BlockClock clock, MarketPrice price, int blocks) {
        ParameterChecks.within("MarketPath.blocks", blocks, 1, Integer.MAX_VALUE, "");
        long[] u = new long[blocks];
        Arrays.fill(u, price.units());
        return new MarketPath(clock, price.decimals(), u);
    }

    /** Wraps an array the caller gives up (no copy); every element must already be positive. */
    static MarketPath owning(BlockClock clock, int decimals, long[] units) {
        return new MarketPath(clock, decimals, units);
    }

    /**
     * {@return {@code x} units rounded to the nearest whole unit, ties to even, and at least one unit}
     *
     * @throws ArithmeticException if {@code x} is NaN or beyond {@code 2^63 - 1} units
     */
    static long roundUnits(double x) {
        if (Double.isNaN(x) || x >= 0x1p63) {
            throw new ArithmeticException("a generated price of " + x
                    + " units cannot be held; valid: up to 2^63-1 units (lower the volatility, drift or decimals)");
        }
        return StrictMath.max(1L, (long) StrictMath.rint(x));
    }

    /** {@return the number of blocks (prices) in the path} */
    public int size() {
        return units.length;
    }

    /** {@return the clock that gives each block its number and timestamp} */
    public BlockClock clock() {
        return clock;
    }

    /** {@return the decimals of every price in the path} */
    public int decimals() {
        return decimals;
    }

    /** {@return the price at {@code index} (0 is the first block)} */
    public MarketPrice price(int index) {
        return new MarketPrice(I256.of(units[index]), decimals);
    }

    /** {@return the price at {@code index} as a number of units of {@code 10^-decimals}} */
    public long units(int index) {
        return units[index];
    }

    /** {@return the block, timestamp and price at {@code index}} */
    public MarketTick tick(int index) {
        return new MarketTick(clock.block(index), clock.timestamp(index), price(index));
    }

    /** {@return the first tick} */
    public MarketTick first() {
        return tick(0);
    }

    /** {@return the last tick} */
    public MarketTick last() {
        return tick(units.length - 1);
    }

    /** {@return the tick of block {@code block}, if the path covers it} */
    public Option<MarketTick> atBlock(long block) {
        long i = block - clock.firstBlock();
        return i >= 0 && i < units.length ? Option.some(tick((int) i)) : Option.none();
    }

    /** {@return the tick in effect at {@code timestamp}: the last block at or before it, if any} */
    public Option<MarketTick> atTime(long timestamp) {
        if (timestamp < clock.firstTimestamp()) {
            return Option.none();
        }
        long i = StrictMath.min((timestamp - clock.firstTimestamp()) / clock.secondsPerBlock(), units.length - 1L);
        return Option.some(tick((int) i));
    }

    /** {@return a copy of the prices as units of {@code 10^-decimals}, for fast numeric work} */
    public long[] toUnitArray() {
        return units.clone();
    }

    /** {@return the ticks in block order} */
    public Stream<MarketTick> ticks() {
        return IntStream.range(0, units.length).mapToObj(this::tick);
    }

    @Override
    public Iterator<MarketTick> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < units.length;
            }

            @Override
            public MarketTick next() {
                if (next >= units.length) {
                    throw new NoSuchElementException();
                }
                return tick(next++);
            }
        };
    }

    /** {@return blocks {@code from} (inclusive) to {@code to} (exclusive), keeping their numbers and timestamps} */
    public MarketPath slice(int from, int to) {
        ParameterChecks.require(
                0 <= from && from < to && to <= units.length,
                "MarketPath.slice",
                "[" + from + ", " + to + ") is not a non-empty range within [0, " + units.length + ")");
        return new MarketPath(clock.advance(from), decimals, Arrays.copyOfRange(units, from, to));
    }

    /** {@return the same prices on another clock} */
    public MarketPath retimed(BlockClock newClock) {
        return new MarketPath(ParameterChecks.present("MarketPath.clock", newClock), decimals, units);
    }

    /**
     * {@return the path with every log-move from the first price multiplied by {@code factor}} Price {@code i} becomes
     * {@code p0 * (p_i / p0)^factor}: factor 2 doubles the volatility of the log-returns (and the size of every move),
     * 0 flattens the path, 1 leaves it unchanged. Computed in doubles with {@link StrictMath} and rounded as the class
     * documentation says.
     *
     * @throws IllegalArgumentException if the factor is negative, above 100 or not finite
     */
    public MarketPath scaleVolatility(double factor) {
        ParameterChecks.within("MarketPath.scaleVolatility.factor", factor, 0, 100, "a multiplier of log-moves");
        if (factor == 1.0) {
            return this;
        }
        long[] out = new long[units.length];
        double p0 = units[0];
        out[0] = units[0];
        for (int i = 1; i < units.length; i++) {
            out[i] = roundUnits(p0 * StrictMath.exp(factor * StrictMath.log(units[i] / p0)));
        }
        return new MarketPath(clock, decimals, out);
    }

    /**
     * {@return the path moved multiplicatively so that it starts at {@code start}} Price {@code i} becomes {@code p_i *
     * start / p0}, computed exactly and rounded to the nearest unit of {@code start}'s decimals, halves up, at least one
     * unit. Relative moves are kept.
     */
    public MarketPath startingAt(MarketPrice start) {
        long s = start.units();
        if (s == units[0] && start.decimals() == decimals) {
            return this;
        }
        BigInteger num = BigInteger.valueOf(s);
        BigInteger den = BigInteger.valueOf(units[0]);
        BigInteger twoDen = den.shiftLeft(1);
        long[] out = new long[units.length];
        for (int i = 0; i < units.length; i++) {
            // round(a / b) halves up for positive a, b: floor((2a + b) / 2b)
            BigInteger a = BigInteger.valueOf(units[i]).multiply(num);
            out[i] = StrictMath.max(1L, toLongOrThrow(a.shiftLeft(1).add(den).divide(twoDen)));
        }
        return new MarketPath(clock, start.decimals(), out);
    }

    /**
     * {@return this path, then {@code next}'s moves continuing from this path's last price and block} {@code next} is
     * moved to start at this path's last price ({@link #startingAt}) and put on this path's clock; its first price
     * (now equal to this path's last) is dropped, so the result has {@code size() + next.size() - 1} blocks and no jump
     * at the seam. Decimals follow this path.
     */
    public MarketPath followedBy(MarketPath next) {
        MarketPath rebased = next.startingAt(price(units.length - 1));
        long[] out = Arrays.copyOf(units, units.length + rebased.units.length - 1);
        System.arraycopy(rebased.units, 1, out, units.length, rebased.units.length - 1);
        return new MarketPath(clock, decimals, out);
    }

    /** {@return the path with {@code shock} applied} See {@link Shock}. */
    public MarketPath withShock(Shock shock) {
        return shock.apply(this);
    }

    /** {@return the path with {@code newDecimals} decimals, each price rescaled as {@link MarketPrice#rescale} does} */
    public MarketPath rescale(int newDecimals) {
        if (newDecimals == decimals) {
            return this;
        }
        long[] out = new long[units.length];
        for (int i = 0; i < units.length; i++) {
            out[i] = price(i).rescale(newDecimals).units();
        }
        return new MarketPath(clock, newDecimals, out);
    }

    static long toLongOrThrow(BigInteger v) {
        if (v.bitLength() > 63) {
            throw new ArithmeticException(
                    "a price of " + v + " units cannot be held; valid: up to 2^63-1 units (use fewer decimals)");
        }
        return v.longValue();
    }

    /** Paths are equal when their clocks, decimals and every price are equal. */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof MarketPath o
                && clock.equals(o.clock)
                && decimals == o.decimals
                && Arrays.equals(units, o.units);
    }

    @Override
    public int hashCode() {
        return (clock.hashCode() * 31 + decimals) * 31 + Arrays.hashCode(units);
    }

    @Override
    public String toString() {
        return "MarketPath[blocks " + clock.firstBlock() + ".." + clock.block(units.length - 1L) + ", "
                + clock.secondsPerBlock() + " s/block, " + first().price() + " -> " + last().price() + "]";
    }
}
