package dev.solvent.simulation.report;

import java.util.List;

/**
 * The protocol-wide series of a run, one value per sample of the {@link Timeline}. Levels are read at the sampled
 * block; flows (liquidations, their volume, shortfall) are summed over the blocks since the previous sample, so no
 * liquidation between two samples is lost by sampling.
 *
 * <p>Amounts are in {@code unit}, the protocol's settlement currency. A {@code NaN} means "no value at this sample".
 *
 * @param unit the currency of every amount below, for axis labels, e.g. {@code "USDC"}
 * @param insuranceFund the insurance fund's balance (level)
 * @param liquidations how many liquidations executed since the previous sample (flow)
 * @param liquidationVolume the notional value those liquidations closed (flow)
 * @param shortfall what liquidated accounts could not pay since the previous sample, before the insurance fund covered
 *     any of it (flow)
 * @param socializedLoss the loss spread over other accounts so far (cumulative level)
 * @param badDebt the loss nobody has covered so far: shortfall beyond the insurance fund (cumulative level)
 * @param baseFeeGwei the block's base fee in gwei (level)
 * @param keeperProfit all keepers' profit net of gas so far (cumulative level; negative when they lose money)
 */
public record ProtocolSeries(
        String unit,
        List<Double> insuranceFund,
        List<Long> liquidations,
        List<Double> liquidationVolume,
        List<Double> shortfall,
        List<Double> socializedLoss,
        List<Double> badDebt,
        List<Double> baseFeeGwei,
        List<Double> keeperProfit) {

    /** Rejects nulls, infinities, negative liquidation counts and series of different lengths. */
    public ProtocolSeries {
        RecordArguments.text("unit", unit);
        insuranceFund = RecordArguments.series("insuranceFund", insuranceFund);
        liquidations = RecordArguments.list("liquidations", liquidations);
        liquidationVolume = RecordArguments.series("liquidationVolume", liquidationVolume);
        shortfall = RecordArguments.series("shortfall", shortfall);
        socializedLoss = RecordArguments.series("socializedLoss", socializedLoss);
        badDebt = RecordArguments.series("badDebt", badDebt);
        baseFeeGwei = RecordArguments.series("baseFeeGwei", baseFeeGwei);
        keeperProfit = RecordArguments.series("keeperProfit", keeperProfit);
        int samples = insuranceFund.size();
        RecordArguments.sameLength("liquidations", liquidations, samples);
        RecordArguments.sameLength("liquidationVolume", liquidationVolume, samples);
        RecordArguments.sameLength("shortfall", shortfall, samples);
        RecordArguments.sameLength("socializedLoss", socializedLoss, samples);
        RecordArguments.sameLength("badDebt", badDebt, samples);
        RecordArguments.sameLength("baseFeeGwei", baseFeeGwei, samples);
        RecordArguments.sameLength("keeperProfit", keeperProfit, samples);
        for (int i = 0; i < samples; i++) {
            if (liquidations.get(i) < 0) {
                throw new IllegalArgumentException(
                        "liquidations[" + i + "]: " + liquidations.get(i) + "; valid: a count, 0 or more");
            }
        }
    }

    /** {@return the number of samples} */
    public int size() {
        return insuranceFund.size();
    }
}
