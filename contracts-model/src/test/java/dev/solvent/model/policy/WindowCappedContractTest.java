package dev.solvent.model.policy;

import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.SOL_PERP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * The liquidation contract for Synthetix v3's flag-then-window liquidation. Skew scales of 100 ETH, 100 BTC and
 * 100,000 SOL with fees of 0.07% cap ETH at 4.2 per minute, so Alice's 5 ETH close in part; it defines itself by
 * seizing every balance when it flags, closing each position by at most its market's cap, and keeping the flag while a
 * position is left. The account does not end healthier: the flag takes its margin.
 */
class WindowCappedContractTest implements LiquidationPolicyContract {

    static LiquidationPolicy.WindowCapped.Market market(String skewScale) {
        return new LiquidationPolicy.WindowCapped.Market(
                U256.parse(skewScale),
                Wad.ONE,
                Wad.parse("0.05"),
                Wad.parse("0.5"),
                U256.of(10_000_000),
                Wad.parse("0.001"),
                Wad.ONE,
                60,
                Wad.ZERO,
                Option.none());
    }

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.WindowCapped(
                TreeMap.of(
                        ETH_PERP, market("100000000000000000000"),
                        BTC_PERP, market("10000000000"),
                        SOL_PERP, market("100000000000000")),
                market("100000000000000000000"),
                U256.of(1_000_000),
                U256.of(2_000_000),
                U256.of(1_000_000),
                Wad.parse("0.3"),
                U256.of(30_000_000),
                Wad.parse("0.3"));
    }

    @Override
    public ProtocolConfig baseConfig() {
        ProtocolConfig c = Fixtures.config();
        var markets = c.markets()
                .mapValues(m -> new MarketConfig(
                        m.id(),
                        m.underlying(),
                        m.initialMargin(),
                        m.maintenanceMargin(),
                        m.liquidationPenalty(),
                        m.maxOpenInterest(),
                        m.priceBand(),
                        m.maxOracleAge(),
                        m.maxFundingRatePerDay(),
                        Wad.parse("0.0005"),
                        Wad.parse("0.0002")));
        return new ProtocolConfig(
                c.settlementAsset(), c.assets(), markets, c.keeperReward(), c.receiver(), c.shortfall(), c.gas());
    }

    @Override
    public boolean endsHealthier() {
        return false;
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var after = receipt.state().account(id).get();
        assertThat(receipt.events().exists(Event.AccountFlagged.class::isInstance))
                .isTrue();
        assertThat(after.balances()).as("the flag seizes every balance").isEmpty();
        var w = (LiquidationPolicy.WindowCapped) policy();
        var liquidation = receipt.events()
                .filter(Event.WindowLiquidation.class::isInstance)
                .map(Event.WindowLiquidation.class::cast)
                .single();
        for (Event.ClosedPosition c : liquidation.closed()) {
            MarketConfig mc = before.config().markets().get(c.market()).get();
            var p = w.market(c.market());
            I256 cap = FixedPoint.wadMulFloor(
                            FixedPoint.wadMulFloor(
                                    mc.makerFee().raw().plus(mc.takerFee().raw()),
                                    p.skewScale().toI256()),
                            p.maxLiquidationLimitAccumulationMultiplier().raw())
                    .times(I256.of(p.maxSecondsInLiquidationWindow()));
            assertThat(c.size().abs()).isLessThanOrEqualTo(cap);
        }
        assertThat(receipt.state().isFlagged(id)).isEqualTo(!after.positions().isEmpty());
        assertThat(liquidation.fullyLiquidated()).isEqualTo(after.positions().isEmpty());
    }
}
