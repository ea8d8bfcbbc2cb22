package dev.solvent.oracle.market;

import java.util.Arrays;

/** Sample statistics of log-returns, pooled over many seeded paths. */
final class Samples {

    private Samples() {}

    static double[] logReturns(MarketPath path) {
        long[] u = path.toUnitArray();
        double[] r = new double[u.length - 1];
        for (int i = 1; i < u.length; i++) {
            r[i - 1] = Math.log((double) u[i] / u[i - 1]);
        }
        return r;
    }

    static double mean(double[] x) {
        return Arrays.stream(x).sum() / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Lag-1 autocorrelation of the squares: positive when volatility clusters. */
    static double squaredAutocorrelation(double[] x) {
        double[] sq = Arrays.stream(x).map(v -> v * v).toArray();
        return correlation(Arrays.copyOf(sq, sq.length - 1), Arrays.copyOfRange(sq, 1, sq.length));
    }

    static double kurtosis(double[] x) {
        double m = mean(x);
        double v = Arrays.stream(x).map(d -> (d - m) * (d - m)).sum() / x.length;
        double k = Arrays.stream(x).map(d -> Math.pow(d - m, 4)).sum() / x.length;
        return k / (v * v);
    }

    static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}
