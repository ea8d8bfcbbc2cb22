package dev.solvent.keeper;

import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.aliceAndCarolLongEth;
import static dev.solvent.keeper.KeeperFixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.chain.Chain;
import dev.solvent.keeper.chain.ChainParams;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.ProfitAware;
import dev.solvent.keeper.strategy.Strategies;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.Account;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The keeper example of the README and keeper/README.md, compiled and run, so that it stays true. */
class ReadmeExampleTest {

    /** The README's bot, as printed there. */
    record Greedy(long tip) implements Keeper<Integer> {
        public Integer start() {
            return 0;
        }

        public KeeperDecision<Integer> decide(KeeperView view, Integer sent) {
            Vector<Submission> send = Vector.empty();
            for (Account a : view.state().accounts().values()) {
                boolean unhealthy = Views.isLiquidatable(view.state(), a.id(), view.context())
                        .getOrElse(false);
                if (unhealthy && Strategies.isTarget(view, a.id())) {
                    send = send.append(new Submission(
                            new Tx.Liquidate(a.id()), Strategies.liquidationGas(view.state(), a.id()), tip));
                }
            }
            return new KeeperDecision<>(send, sent + send.size());
        }
    }

    @Test
    void theGreedyBotRacesTheProfitAwareOneAndTheLedgersAddUp() {
        Chain chain = Chain.start(ChainParams.MAINNET_LIKE, aliceAndCarolLongEth(), 1, T0 + 12, 20_000_000_000L)
                .withKeeper(AccountId.of("greedy"), new Greedy(2_000_000_000L))
                .withKeeper(
                        AccountId.of("careful"),
                        new ProfitAware<>(new LiquidationIndex(), GasToken.ETHER, 1_000_000_000L, 50));
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
        Vector<TreeMap<String, OracleAnswer>> answersPerBlock =
                Vector.of(prices(2_000, 100, T0 + 12), prices(1_050, 100, T0 + 24), prices(1_040, 100, T0 + 36));
        for (TreeMap<String, OracleAnswer> prices : answersPerBlock) {
            chain = chain.step(prices, Vector.empty(), random).chain();
        }
        var greedy = chain.ledger(AccountId.of("greedy"));
        var careful = chain.ledger(AccountId.of("careful"));
        // Alice and Carol both fall below maintenance at 1,050: two liquidations, each won by one keeper
        assertThat(greedy.liquidations() + careful.liquidations()).isEqualTo(2);
        assertThat(greedy.sent()).isPositive();
        assertThat(greedy.netProfit()).isEqualTo(greedy.rewards().minus(greedy.gasSpent()));
    }
}
