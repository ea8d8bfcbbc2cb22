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
    private static final long HALF_RAY_HIGH = WideMul.high(RAY.shiftRight(1));
    private static final long HALF_RAY_LOW = WideMul.low(RAY.shiftRight(1));

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
            return WideMul.mulAddDivPow10(x, y, 0, 0, 18, WideMul.Round.DOWN);
        }
        return WordDivision.divide(mul(x, y), WAD);
    }

    static BigInteger rmul(BigInteger x, BigInteger y) {
        if (WideMul.fits(x, y)) {
            return WideMul.mulAddDivPow10(x, y, 0, 0, 27, WideMul.Round.DOWN);
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
        BigInteger half = b.shiftRight(1);
        boolean ray = b.equals(RAY);
        // n shifted right i times is nonzero while i is below n's length: the loop of the assembly, bit by bit
        for (int i = 1; i < n.bitLength(); i++) {
            if (below128 && x.compareTo(TWO_128) >= 0) {
                throw empty();
            }
            x = ray && WideMul.fits(x, x) ? rayRound(x, x) : roundedProduct(x, x, half, b);
            if (n.testBit(i)) {
                z = ray && WideMul.fits(z, x) ? rayRound(z, x) : roundedProduct(z, x, half, b);
            }
        }
        return z;
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

    /**
     * {@code (u * v + RAY / 2) / RAY} for {@code u, v < 2^128}, where neither the product nor the rounding can
     * overflow (below 2^256 - 2^129 + 2^89): the rpows' step with base RAY, in words.
     */
    private static BigInteger rayRound(BigInteger u, BigInteger v) {
        return WideMul.mulAddDivPow10(u, v, HALF_RAY_HIGH, HALF_RAY_LOW, 27, WideMul.Round.DOWN);
    }

    /** Yul's {@code div}: a zero divisor gives 0. */
    private static BigInteger evmDiv(BigInteger x, BigInteger y) {
        return y.signum() == 0 ? BigInteger.ZERO : WordDivision.divide(x, y);
    }
}
