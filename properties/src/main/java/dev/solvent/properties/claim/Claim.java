package dev.solvent.properties.claim;

import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.Event;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.campaign.CampaignWorld;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A claim about a protocol's parameters, of the form "with this setup, prices that move at most {@code maxMoveBps}
 * basis points a block, and keepers that liquidate within {@code keeperDelay} blocks, {@link Kind something bad}
 * never happens". {@link ClaimSearch} looks for a counterexample: traders who open positions up to what initial margin
 * allows, a price path within the bound, and keepers as late as the claim allows.
 *
 * {@snippet :
 * Claim claim = new Claim(Claim.Kind.NO_BAD_DEBT, setup, 200, 30, 2, I256.ZERO);
 * ClaimSearch.Result result = ClaimSearch.search(claim, 1000, 42L);
 * }
 *
 * @param kind what must never happen
 * @param setup the protocol, its genesis balances and fund, the traders, the keeper and the first prices
 * @param maxMoveBps the largest move of any price in one block, in basis points
 * @param blocks how many blocks the price path lasts
 * @param keeperDelay the most blocks a keeper waits after an account becomes liquidatable
 * @param gasPrice what a unit of gas costs the keeper, in settlement base units (for {@link
 *     Kind#NO_UNPROFITABLE_LIQUIDATION})
 */
public record Claim(Kind kind, CampaignSetup setup, int maxMoveBps, int blocks, int keeperDelay, I256 gasPrice) {

    /** Requires every field and sane bounds. */
    public Claim {
        if (kind == null || setup == null || gasPrice == null) {
            throw new IllegalArgumentException("a claim needs a kind, a setup and a gas price");
        }
        if (maxMoveBps < 0 || maxMoveBps >= 10_000 || blocks < 1 || keeperDelay < 0) {
            throw new IllegalArgumentException("a claim needs 0 <= maxMoveBps < 10000, blocks >= 1, keeperDelay >= 0");
        }
    }

    /** The markets the traders open positions in: all of the configuration's. */
    public Vector<MarketId> markets() {
        return setup.config().markets().keySet().toVector();
    }

    /** What a claim says never happens. */
    public enum Kind {
        /** No liquidation leaves bad debt: the fund and the shortfall policy absorb every shortfall. */
        NO_BAD_DEBT("noBadDebt", "no account ends with bad debt"),
        /** The insurance fund alone covers every shortfall: nothing is socialized, deleveraged or left as bad debt. */
        FUND_COVERS_SHORTFALLS("fundCoversShortfalls", "the insurance fund covers every shortfall"),
        /** No liquidation leaves any shortfall: every liquidated account can pay for its losses. */
        NO_SHORTFALL("noShortfall", "no liquidation leaves a shortfall"),
        /** Every liquidation pays its keeper at least its gas cost, so no liquidation is skipped as unprofitable. */
        NO_UNPROFITABLE_LIQUIDATION(
                "noUnprofitableLiquidation", "no liquidation is skipped for being unprofitable to its keeper");

        private final String key;
        private final String sentence;

        Kind(String key, String sentence) {
            this.key = key;
            this.sentence = sentence;
        }

        /** {@return the name a claim file uses, such as {@code noBadDebt}} */
        public String key() {
            return key;
        }

        /** {@return the claim in words} */
        public String sentence() {
            return sentence;
        }

        /** {@return the kind a claim file names, if any} */
        public static Option<Kind> of(String key) {
            return Vector.of(values()).find(k -> k.key.equals(key));
        }
    }

    /** {@return why the world breaks this claim, or none if it keeps it} */
    public Option<String> brokenBy(CampaignWorld w) {
        for (CampaignWorld.Sent s : w.log()) {
            if (s.revert().isDefined()) {
                continue;
            }
            Option<String> why = brokenBy(s);
            if (why.isDefined()) {
                return why;
            }
        }
        return Option.none();
    }

    private Option<String> brokenBy(CampaignWorld.Sent s) {
        String where = " (\"" + s.note() + "\")";
        return switch (kind) {
            case NO_BAD_DEBT ->
                s.events()
                        .filter(Event.BadDebtRecorded.class::isInstance)
                        .map(Event.BadDebtRecorded.class::cast)
                        .headOption()
                        .map(e -> e.account() + " left " + e.amount() + " settlement units of bad debt" + where);
            case FUND_COVERS_SHORTFALLS ->
                s.events()
                        .find(e -> e instanceof Event.LossSocialized
                                || e instanceof Event.PositionDeleveraged
                                || e instanceof Event.PositionAutoDeleveraged
                                || e instanceof Event.BadDebtRecorded)
                        .map(e -> "a shortfall went past the insurance fund: " + e + where);
            case NO_SHORTFALL ->
                s.events().flatMap(Claim::shortfallLeft).headOption().map(x -> x + where);
            case NO_UNPROFITABLE_LIQUIDATION -> {
                Vector<Event> events = s.events();
                I256 reward = I256.ZERO;
                boolean liquidation = false;
                for (Event e : events) {
                    if (e instanceof Event.AccountLiquidated l) {
                        reward = reward.plus(l.keeperReward());
                        liquidation = true;
                    } else if (e instanceof Event.IsolatedPositionLiquidated l) {
                        reward = reward.plus(l.keeperReward());
                        liquidation = true;
                    }
                }
                long gas = s.gasUsed();
                I256 cost = gasPrice.times(I256.of(gas));
                yield liquidation && reward.lt(cost)
                        ? Option.some(
                                "the keeper earns " + reward + " but pays " + cost + " for " + gas + " gas" + where)
                        : Option.none();
            }
        };
    }

    /** {@return what {@code e} says of a shortfall a liquidation left, none if it reports none} */
    static Option<String> shortfallLeft(Event e) {
        return switch (e) {
            case Event.AccountLiquidated l
            when l.shortfall().isPositive() ->
                Option.some(l.account() + " was liquidated with a shortfall of " + l.shortfall());
            case Event.IsolatedPositionLiquidated l
            when l.shortfall().isPositive() ->
                Option.some(l.account() + "'s isolated position was liquidated with a shortfall of " + l.shortfall());
            case Event.AccountBackstopped b
            when b.shortfall().isPositive() ->
                Option.some(b.account() + " was taken over by the vault with a shortfall of " + b.shortfall());
            case Event.LiquidationCalled l
            when l.shortfall().isPositive() ->
                Option.some(l.account() + " was liquidated (close factor) with a shortfall of " + l.shortfall());
            case Event.FillableLiquidation l
            when l.shortfall().isPositive() ->
                Option.some(l.account() + "'s position was filled below its bankruptcy value, a shortfall of "
                        + l.shortfall());
            case Event.Deposited x -> Option.none();
            case Event.Withdrawn x -> Option.none();
            case Event.Borrowed x -> Option.none();
            case Event.Repaid x -> Option.none();
            case Event.InsuranceFunded x -> Option.none();
            case Event.PositionModified x -> Option.none();
            case Event.FundingSettled x -> Option.none();
            case Event.IsolatedMarginChanged x -> Option.none();
            case Event.CollateralSeized x -> Option.none();
            case Event.AccountLiquidated x -> Option.none();
            case Event.IsolatedPositionLiquidated x -> Option.none();
            case Event.ShortfallCovered x -> Option.none();
            case Event.LossSocialized x -> Option.none();
            case Event.PositionDeleveraged x -> Option.none();
            case Event.PositionAutoDeleveraged x -> Option.none();
            case Event.BadDebtRecorded x -> Option.none();
            case Event.LiquidationCalled x -> Option.none();
            case Event.CollateralAbsorbed x -> Option.none();
            case Event.AccountAbsorbed x -> Option.none();
            case Event.CollateralBought x -> Option.none();
            case Event.AuctionKicked x -> Option.none();
            case Event.AuctionTaken x -> Option.none();
            case Event.AuctionEnded x -> Option.none();
            case Event.AccountBackstopped x -> Option.none();
            case Event.AccountFlagged x -> Option.none();
            case Event.WindowLiquidation x -> Option.none();
            case Event.FillableLiquidation x -> Option.none();
        };
    }
}
