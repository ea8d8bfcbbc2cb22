package dev.solvent.oracle.market;

import dev.solvent.oracle.Randomness;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Several assets moving together: each leg is a {@link Gbm}, and the legs' Brownian shocks have the given correlation
 * matrix. Independent normals are mixed by the matrix's Cholesky factor {@code L} ({@code Z = L e}, so {@code cov(Z) =
 * L L^T = correlation}). The matrix is validated at construction: square, one row per leg, symmetric, ones on the
 * diagonal, entries in {@code [-1, 1]}, and positive semi-definite (a singular matrix, e.g. two legs with correlation
 * 1, is accepted).
 */
public final class CorrelatedGbm {

    /** Tolerance for symmetry and for treating a Cholesky pivot as zero. */
    static final double TOLERANCE = 1e-10;

    private final Vector<Gbm> legs;
    private final double[][] correlation;
    private final double[][] cholesky;

    private CorrelatedGbm(Vector<Gbm> legs, double[][] correlation, double[][] cholesky) {
        this.legs = legs;
        this.correlation = correlation;
        this.cholesky = cholesky;
    }

    /**
     * {@return a generator for {@code legs} with {@code correlation[i][j]} the correlation of legs {@code i} and
     * {@code j}}
     *
     * @throws IllegalArgumentException naming the offending entry or Cholesky pivot
     */
    public static CorrelatedGbm of(List<Gbm> legs, double[][] correlation) {
        ParameterChecks.require(!legs.isEmpty(), "CorrelatedGbm.legs", "at least one leg is needed");
        int n = legs.size();
        ParameterChecks.require(
                correlation.length == n,
                "CorrelatedGbm.correlation",
                "has " + correlation.length + " rows; valid: one row per leg (" + n + ")");
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            ParameterChecks.require(
                    correlation[i].length == n,
                    "CorrelatedGbm.correlation[" + i + "]",
                    "has " + correlation[i].length + " entries; valid: " + n);
            c[i] = correlation[i].clone();
            for (int j = 0; j < n; j++) {
                ParameterChecks.within(
                        "CorrelatedGbm.correlation[" + i + "][" + j + "]", c[i][j], -1, 1, "a correlation");
            }
            ParameterChecks.require(
                    c[i][i] == 1.0,
                    "CorrelatedGbm.correlation[" + i + "][" + i + "]",
                    c[i][i] + " is out of range; valid: 1 (a leg is perfectly correlated with itself)");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                ParameterChecks.require(
                        StrictMath.abs(c[i][j] - c[j][i]) <= TOLERANCE,
                        "CorrelatedGbm.correlation[" + i + "][" + j + "]",
                        c[i][j] + " differs from correlation[" + j + "][" + i + "] = " + c[j][i]
                                + "; valid: a symmetric matrix");
            }
        }
        return new CorrelatedGbm(Vector.ofAll(legs), c, cholesky(c));
    }

    /**
     * The lower-triangular Cholesky factor of a positive semi-definite matrix: a zero pivot (within {@link #TOLERANCE})
     * zeroes its column, which is consistent only if the rest of that column is zero too.
     */
    static double[][] cholesky(double[][] c) {
        int n = c.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = c[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (d < -TOLERANCE) {
                throw notPsd(j, d);
            }
            double pivot = d > TOLERANCE ? StrictMath.sqrt(d) : 0.0;
            l[j][j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (pivot == 0.0) {
                    if (StrictMath.abs(s) > TOLERANCE) {
                        throw notPsd(j, d);
                    }
                    l[i][j] = 0.0;
                } else {
                    l[i][j] = s / pivot;
                }
            }
        }
        return l;
    }

    private static IllegalArgumentException notPsd(int row, double pivot) {
        return new IllegalArgumentException("CorrelatedGbm.correlation: is not positive semi-definite (the Cholesky"
                + " pivot of row " + row + " is " + pivot + "); valid: a matrix of correlations that can hold together,"
                + " e.g. not corr(a,b) = 0.9, corr(b,c) = 0.9 and corr(a,c) = -0.9");
    }

    /** {@return the legs, in the order of the matrix's rows} */
    public Vector<Gbm> legs() {
        return legs;
    }

    /** {@return a copy of the correlation matrix} */
    public double[][] correlation() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    /**
     * Generates one path per leg, in leg order, each with {@code steps + 1} prices on the same clock.
     *
     * @param starts the legs' starting prices, one per leg
     * @param random the only source of randomness; advanced
     */
    public Vector<MarketPath> generate(List<MarketPrice> starts, BlockClock clock, int steps, RandomGenerator random) {
        int n = legs.size();
        ParameterChecks.require(
                starts.size() == n,
                "CorrelatedGbm.starts",
                "has " + starts.size() + " prices; valid: one per leg (" + n + ")");
        long[][] out = new long[n][];
        double[] mean = new double[n];
        double[] sd = new double[n];
        double[] p0 = new double[n];
        double[] logMove = new double[n];
        double dt = clock.yearsPerBlock();
        for (int a = 0; a < n; a++) {
            out[a] = PathGenerator.prices(starts.get(a), steps);
            Gbm g = legs.get(a);
            mean[a] = (g.drift() - 0.5 * g.volatility() * g.volatility()) * dt;
            sd[a] = g.volatility() * StrictMath.sqrt(dt);
            p0[a] = out[a][0];
        }
        NormalSampler normal = new NormalSampler(random);
        double[] e = new double[n];
        for (int i = 1; i <= steps; i++) {
            for (int a = 0; a < n; a++) {
                e[a] = normal.next();
            }
            for (int a = 0; a < n; a++) {
                double z = 0;
                for (int k = 0; k <= a; k++) {
                    z += cholesky[a][k] * e[k];
                }
                logMove[a] += mean[a] + sd[a] * z;
                out[a][i] = MarketPath.roundUnits(p0[a] * StrictMath.exp(logMove[a]));
            }
        }
        Vector<MarketPath> paths = Vector.empty();
        for (int a = 0; a < n; a++) {
            paths = paths.append(MarketPath.owning(clock, starts.get(a).decimals(), out[a]));
        }
        return paths;
    }

    /** Generates from a fresh seeded generator; see {@link #generate(List, BlockClock, int, RandomGenerator)}. */
    public Vector<MarketPath> generate(List<MarketPrice> starts, BlockClock clock, int steps, long seed) {
        return generate(starts, clock, steps, Randomness.seeded(seed));
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CorrelatedGbm o && legs.equals(o.legs) && Arrays.deepEquals(correlation, o.correlation);
    }

    @Override
    public int hashCode() {
        return legs.hashCode() * 31 + Arrays.deepHashCode(correlation);
    }

    @Override
    public String toString() {
        return "CorrelatedGbm[legs=" + legs + ", correlation=" + Arrays.deepToString(correlation) + "]";
    }
}
