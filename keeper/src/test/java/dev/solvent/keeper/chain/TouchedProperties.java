package dev.solvent.keeper.chain;

import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.LiquidationIndexProperties;
import dev.solvent.keeper.strategy.Liquidator;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The accounts a block changed, read from its transactions and events, include every account whose state differs
 * before and after the block (they may name an account a transaction left as it was, such as a keeper paid nothing), on random runs with trades, liquidations and socialized losses.
 */
class TouchedProperties {

    @Property(tries = 40)
    void eventsNameEveryAccountABlockChanged(@ForAll long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        long eth = 2_000_00L;
        long sol = 100_00L;
        ProtocolState genesis = LiquidationIndexProperties.open(r, T0, eth, sol);
        Chain chain = Chain.start(ChainParams.MAINNET_LIKE, genesis, 1, T0 + 12, 1_000_000_000L)
                .withKeeper(AccountId.of("keeper"), new Liquidator<>(new FullScan(), 1_000_000_000L));
        int changed = 0;
        for (int b = 1; b <= 25; b++) {
            eth = Math.max(100, eth * (1000 + r.nextInt(-100, 61)) / 1000);
            sol = Math.max(100, sol * (1000 + r.nextInt(-80, 81)) / 1000);
            TreeMap<String, OracleAnswer> prices = TreeMap.of(
                    "ETH/USD", answer(LiquidationIndexProperties.cents(eth), chain.timestamp()),
                    "SOL/USD", answer(LiquidationIndexProperties.cents(sol), chain.timestamp()));
            Vector<PendingTx> trades = Vector.empty();
            for (int k = 0; k < 2; k++) {
                AccountId id = AccountId.of("acct-" + r.nextInt(20));
                I256 size = I256.of(r.nextLong(-20, 21)).times(I256.pow10(17));
                trades = trades.append(new PendingTx(
                        id,
                        new Tx.Trade(ETH_PERP, id, BOB, size, LiquidationIndexProperties.cents(eth)),
                        500_000,
                        1,
                        chain.block()));
            }
            ProtocolState before = chain.state();
            Chain.Step step = chain.step(prices, trades, r);
            TreeSet<AccountId> diff = Chain.touched(before, step.chain().state());
            // a superset is sound (an account named but unchanged is only placed again); a missing one is not
            assertThat(Chain.touched(step.block()).toJavaSet())
                    .as("block %d", b)
                    .containsAll(diff);
            assertThat(step.chain().lastTouched()).isEqualTo(Chain.touched(step.block()));
            changed += diff.size();
            chain = step.chain();
        }
        Statistics.label("accounts changed").collect(changed == 0 ? "none" : changed < 20 ? "some" : "many");
    }
}
