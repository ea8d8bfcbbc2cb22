package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.WideMul;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.evm.WordDivision;
import java.math.BigInteger;

/**
 * dss's arithmetic (solc 0.6, no checked math): {@code add}, {@code sub}, {@code mul} that {@code require} and so
 * revert with empty data, the Vat's mixed signed forms, division whose zero divisor is the {@code INVALID} opcode,
 * and the two {@code rpow}s (the Jug's and the abaci's, which check overflow differently).
 */
final class DssMath {

    static final BigInteger WAD = DssState.WAD;
    static final BigInteger RAY = DssState.RAY;
    static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger HALF_RAY = RAY.shiftRight(1);

    private DssMath() {}

    static RuntimeException empty() {
        return new EvmRevert.Empty().raise();
    }

    static RuntimeException fail(String message) {
        return new EvmRevert.ErrorString(message).raise();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw fail(message);
        }
    }

    static void require(boolean ok) {
        if (!ok) {
            throw empty();
        }
    }

    static BigInteger uint(BigInteger v) {
        require(v.signum() >= 0 && v.bitLength() <= 256);
        return v;
    }

    static BigInteger add(BigInteger x, BigInteger y) {
        return uint(x.add(y));
    }

    static BigInteger sub(BigInteger x, BigInteger y) {
        return uint(x.subtract(y));
    }

    static BigInteger mul(BigInteger x, BigInteger y) {
        return uint(x.multiply(y));
    }

    /** Solidity's {@code /} before 0.8: a zero divisor is the INVALID opcode. */
    static BigInteger div(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            throw new EvmRevert.InvalidOpcode().raise();
        }
        return WordDivision.divide(x, y);
    }

    /** The Vat's {@code _mul(uint, int)}: {@code int(x)} must be non-negative and the product an int256. */
    static BigInteger mulInt(BigInteger x, BigInteger y) {
        require(x.compareTo(TWO_255) < 0);
        BigInteger z = x.multiply(y);
        require(z.bitLength() <= 255);
        return z;
    }

    /** {@code min} as dss writes it. */
    static BigInteger min(BigInteger x, BigInteger y) {
        return x.compareTo(y) <= 0 ? x : y;
    }

    static BigInteger wmul(BigInteger x, BigInteger y) {
        if (WideMul.fits(x, y)) {
            return WideMul.mulDivPow10(x, y, 18, WideMul.Round.DOWN);
        }
        return WordDivision.divide(mul(x, y), WAD);
    }

    static BigInteger rmul(BigInteger x, BigInteger y) {
        if (WideMul.fits(x, y)) {
            return WideMul.mulDivPow10(x, y, 27, WideMul.Round.DOWN);
        }
        return WordDivision.divide(mul(x, y), RAY);
    }

    static BigInteger rdiv(BigInteger x, BigInteger y) {
        return div(mul(x, RAY), y);
    }

    /** Unchecked {@code uintN(x)} of solc 0.6. */
    static BigInteger truncate(BigInteger x, int bits) {
        return Word.truncate(x, bits);
    }

    /**
     * The Jug's {@code _rpow(x, n, b)}: exponentiation by squaring with half-up rounding at each step, reverting (empty)
     * where {@code x*x}, the rounding or {@code z*x} overflows 256 bits.
     */
    static BigInteger jugRpow(BigInteger x, BigInteger n, BigInteger b) {
        if (x.signum() == 0) {
            return n.signum() == 0 ? b : BigInteger.ZERO;
        }
        return rpowLoop(x, n, b, false);
    }

    /** The abaci's {@code rpow}: {@code n == 0} gives {@code b} first, and {@code x} must stay below 2^128. */
    static BigInteger abaciRpow(BigInteger x, BigInteger n, BigInteger b) {
        if (n.signum() == 0) {
            return b;
        }
        if (x.signum() == 0) {
            return BigInteger.ZERO;
        }
        return rpowLoop(x, n, b, true);
    }

    private static BigInteger rpowLoop(BigInteger x, BigInteger n, BigInteger b, boolean below128) {
        BigInteger z = n.testBit(0) ? x : b;
        if (b.equals(RAY) && x.bitLength() <= 128 && z.bitLength() <= 128) {
            return rayPow(x, z, n, below128);
        }
        return rpowFrom(x, z, n, 1, b, below128);
    }

    /**
     * The loop of the assembly from bit {@code i} of {@code n} on: {@code n} shifted right {@code i} times is nonzero
     * while {@code i} is below its length.
     */
    private static BigInteger rpowFrom(
            BigInteger x, BigInteger z, BigInteger n, int i, BigInteger b, boolean below128) {
        BigInteger half = b.shiftRight(1);
        for (; i < n.bitLength(); i++) {
            if (below128 && x.compareTo(TWO_128) >= 0) {
                throw empty();
            }
            x = roundedProduct(x, x, half, b);
            if (n.testBit(i)) {
                z = roundedProduct(z, x, half, b);
            }
        }
        return z;
    }

    /**
     * The loop with base RAY while {@code x} and {@code z} stay below 2^128 (always, for a {@code cut} or {@code duty}
     * near RAY), in 64-bit words: there the products and roundings stay below 2^256 and the abaci's bound holds, so
     * no step can revert. The first value past 128 bits hands the rest of the loop to {@link #rpowFrom}.
     */
    private static BigInteger rayPow(BigInteger x, BigInteger z, BigInteger n, boolean below128) {
        long x1 = WideMul.high(x);
        long x0 = x.longValue();
        long z1 = WideMul.high(z);
        long z0 = z.longValue();
        long[] q = new long[4];
        for (int i = 1; i < n.bitLength(); i++) {
            WideMul.mulDivPow10(x1, x0, x1, x0, 27, WideMul.Round.HALF_UP, q);
            if ((q[2] | q[3]) != 0) {
                BigInteger bx = WideMul.of(q[3], q[2], q[1], q[0]);
                BigInteger bz = WideMul.of(0, 0, z1, z0);
                return rpowFrom(bx, n.testBit(i) ? roundedProduct(bz, bx, HALF_RAY, RAY) : bz, n, i + 1, RAY, below128);
            }
            x1 = q[1];
            x0 = q[0];
            if (n.testBit(i)) {
                WideMul.mulDivPow10(z1, z0, x1, x0, 27, WideMul.Round.HALF_UP, q);
                if ((q[2] | q[3]) != 0) {
                    BigInteger bz = WideMul.of(q[3], q[2], q[1], q[0]);
                    return rpowFrom(WideMul.of(0, 0, x1, x0), bz, n, i + 1, RAY, below128);
                }
                z1 = q[1];
                z0 = q[0];
            }
        }
        return WideMul.of(0, 0, z1, z0);
    }

    /**
     * {@return {@code (u * v + half) / b}, reverting (empty) where the product or the rounding overflows 256 bits} A
     * zero {@code v} gives no revert, as the rpows check {@code x*x/x == x} only for a nonzero {@code x}.
     */
    private static BigInteger roundedProduct(BigInteger u, BigInteger v, BigInteger half, BigInteger b) {
        BigInteger uv = u.multiply(v);
        require(v.signum() == 0 || uv.bitLength() <= 256);
        BigInteger rounded = uv.add(half);
        require(rounded.bitLength() <= 256);
        return evmDiv(rounded, b);
    }

    /** Yul's {@code div}: a zero divisor gives 0. */
    private static BigInteger evmDiv(BigInteger x, BigInteger y) {
        return y.signum() == 0 ? BigInteger.ZERO : WordDivision.divide(x, y);
    }
}
