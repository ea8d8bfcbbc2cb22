package dev.solvent.properties.arbitrary;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Builds {@link ThresholdCase}s: an account holding one cross position bought at the oracle price from a well-funded
 * counterparty, with a settlement balance of exactly the maintenance requirement minus the position's PnL (or one
 * unit less). The state is written directly rather than traded into, because no valid trade can open a position at
 * the maintenance threshold (a trade must meet the higher initial requirement); the ledger and open interest are set
 * as deposits and a trade would have set them, so every conservation invariant holds.
 */
final class ThresholdArbitrary {

    static final AccountId ON_THE_EDGE = AccountId.of("edge");
    static final AccountId COUNTERPARTY = AccountId.of("counterparty");

    private ThresholdArbitrary() {}

    static Arbitrary<ThresholdCase> of(Arbitrary<ProtocolConfig> configs) {
        Arbitrary<Long> units = Arbitraries.longs()
                .between(-10_000_000L, 10_000_000L)
                .filter(k -> k != 0)
                .edgeCases(e -> e.add(1L, -1L, 10_000_000L, -10_000_000L));
        Arbitrary<Boolean> oneUnitBelow = Arbitraries.of(false, true);
        Arbitrary<Boolean> baseUnit =
                Arbitraries.frequency(net.jqwik.api.Tuple.of(9, false), net.jqwik.api.Tuple.of(1, true));
        return Combinators.combine(configs, Arbitraries.of(Standard.MARKETS.asJava()), units, baseUnit, oneUnitBelow)
                .as(ThresholdArbitrary::build);
    }

    /**
     * @param k the size in ten-thousandths of a whole unit of the underlying (or in base units when {@code baseUnit})
     */
    static ThresholdCase build(ProtocolConfig config, MarketId m, long k, boolean baseUnit, boolean oneUnitBelow) {
        CampaignSetup setup = CampaignSetup.standard(config);
        BlockContext block = new BlockContext(1, setup.genesisTime(), setup.keeper(), setup.prices());
        ProtocolState s = ProtocolState.genesis(config, setup.genesisTime());
        MarketConfig mc = config.markets().get(m).get();
        int du = config.assets().get(mc.underlying()).get().decimals();
        int ds = config.settlement().decimals();
        I256 size = baseUnit ? I256.of(Long.signum(k)) : I256.of(k).times(I256.pow10(Math.max(0, du - 4)));
        Quote q = MarginLogic.marketPrice(config, m, block).get();
        I256 cost = MarginLogic.fillCost(size, q.price(), du, q.decimals(), ds);
        I256 pnl = MarginLogic.positionValue(size, du, q, ds).minus(cost);
        I256 mmr = MarginLogic.requirement(MarginLogic.notional(size, du, q, ds), mc.maintenanceMargin());
        I256 balance = mmr.minus(pnl).minus(oneUnitBelow ? I256.ONE : I256.ZERO);
        I256 counterpartyBalance = cost.abs().times(I256.of(10)).plus(I256.pow10(ds + 6));
        MarketState ms = s.market(m);
        var settlement = config.settlementAsset();
        Account edge = Account.empty(ON_THE_EDGE)
                .withBalance(settlement, balance)
                .withPosition(m, new Position(size, cost.negate(), ms.fundingIndex()));
        Account counterparty = Account.empty(COUNTERPARTY)
                .withBalance(settlement, counterpartyBalance)
                .withPosition(m, new Position(size.negate(), cost, ms.fundingIndex()));
        ProtocolState state = s.withAccount(edge)
                .withAccount(counterparty)
                .withMarket(m, ms.withPositionChange(I256.ZERO, size).withPositionChange(I256.ZERO, size.negate()))
                .withLedger(s.ledger().plusInflow(settlement, balance.plus(counterpartyBalance)));
        return new ThresholdCase(state, ON_THE_EDGE, m, block, oneUnitBelow);
    }
}
