package dev.solvent.simulation.report;

import java.util.List;

/**
 * The two prices of one market, one value per sample of the {@link Timeline}: what the asset trades at (after the
 * impact of liquidation sales) and what the protocol's oracle answers. Liquidation risk lives in the gap between them.
 *
 * <p>A {@code NaN} means "no value at this sample" (for example before the oracle's first round) and is drawn as a gap.
 *
 * @param market the market's name, e.g. {@code "ETH-USD"}
 * @param marketPrice the market price at each sample, in the quote currency
 * @param oraclePrice the oracle's answer the contract would read at each sample, in the quote currency
 */
public record MarketSeries(String market, List<Double> marketPrice, List<Double> oraclePrice) {

    /** Rejects nulls, infinities and series of different lengths. */
    public MarketSeries {
        RecordArguments.text("market", market);
        marketPrice = RecordArguments.series(market + ".marketPrice", marketPrice);
        oraclePrice = RecordArguments.series(market + ".oraclePrice", oraclePrice);
        RecordArguments.sameLength(market + ".oraclePrice", oraclePrice, marketPrice.size());
    }
}
