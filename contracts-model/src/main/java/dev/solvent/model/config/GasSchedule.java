package dev.solvent.model.config;

import dev.solvent.model.check.Checks;

/**
 * The deterministic gas each transaction type uses, so that keepers and simulations can price their transactions the
 * same way on every run. A liquidation costs a base plus an amount per position closed and per collateral asset seized.
 *
 * @param deposit gas of a deposit or repay
 * @param withdraw gas of a withdraw or borrow
 * @param trade gas of a trade, including an isolated open, modify or close
 * @param isolatedMargin gas of adding or removing isolated margin
 * @param settleFunding gas of settling an account's funding
 * @param liquidateBase gas of a liquidation before its positions and assets
 * @param liquidatePerPosition gas per position closed by a liquidation
 * @param liquidatePerAsset gas per collateral asset seized by a liquidation
 * @param revert gas a reverted transaction still burns
 */
public record GasSchedule(
        long deposit,
        long withdraw,
        long trade,
        long isolatedMargin,
        long settleFunding,
        long liquidateBase,
        long liquidatePerPosition,
        long liquidatePerAsset,
        long revert) {

    /** A schedule in the range of mainnet margin protocols' measured costs. */
    public static final GasSchedule DEFAULT =
            new GasSchedule(60_000, 80_000, 150_000, 60_000, 50_000, 200_000, 60_000, 40_000, 30_000);

    /** Rejects negative gas. */
    public GasSchedule {
        Checks c = new Checks("gas.");
        c.require(deposit >= 0, "deposit", deposit, ">= 0");
        c.require(withdraw >= 0, "withdraw", withdraw, ">= 0");
        c.require(trade >= 0, "trade", trade, ">= 0");
        c.require(isolatedMargin >= 0, "isolatedMargin", isolatedMargin, ">= 0");
        c.require(settleFunding >= 0, "settleFunding", settleFunding, ">= 0");
        c.require(liquidateBase >= 0, "liquidateBase", liquidateBase, ">= 0");
        c.require(liquidatePerPosition >= 0, "liquidatePerPosition", liquidatePerPosition, ">= 0");
        c.require(liquidatePerAsset >= 0, "liquidatePerAsset", liquidatePerAsset, ">= 0");
        c.require(revert >= 0, "revert", revert, ">= 0");
        c.throwIfAny(ConfigException::new);
    }

    /** {@return the gas of liquidating {@code positions} positions and seizing {@code assets} assets} */
    public long liquidate(int positions, int assets) {
        return liquidateBase + liquidatePerPosition * positions + liquidatePerAsset * assets;
    }
}
