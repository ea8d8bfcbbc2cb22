package dev.solvent.keeper.chain;

import static dev.solvent.keeper.KeeperFixtures.CAROL;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.aliceAndCarolLongEth;
import static dev.solvent.keeper.KeeperFixtures.prices;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperFixtures;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.LatePrices;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.Liquidator;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Known answers for races, full blocks and late prices on the chain model. */
class ChainTest {

    static final AccountId FAST = AccountId.of("fast");
    static final AccountId SLOW = AccountId.of("slow");
    static final ChainParams PARAMS = new ChainParams(30_000_000, 2, 12, GasToken.ETHER, 0);

    static RandomGenerator random() {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    }

    /** Only Alice: Carol's account is closed out of the way by giving her a huge deposit. */
    static ProtocolState aliceOnly() {
        ProtocolState s = aliceAndCarolLongEth();
        return KeeperFixtures.run(
                s,
                KeeperFixtures.block(T0, prices(2_000, 100, T0)),
                new Tx.Deposit(CAROL, KeeperFixtures.USDC, usdc(1_000_000).toU256()));
    }

    @Test
    void theHigherFeeWinsTheRaceAndTheOtherRevertsAndPaysItsGas() {
        // ETH 1,050: Alice's margin equity 1,000 + 1,050 - 2,000 = 50 < 5% of 1,050 = 52.5: liquidatable
        // penalty 2% of 1,050 = 21; reward 5 + 20% of 21 = 9.2 USDC
        // winner: 260,000 gas (200,000 + 60,000 for one position) at 10 + 2 gwei = 0.00312 ETH = 3.276 USDC at 1,050
        // loser: NotLiquidatable, 30,000 gas at 10 + 1 gwei = 0.00033 ETH = 0.3465 USDC
        Chain chain = Chain.start(PARAMS, aliceOnly(), 1, T0 + 12, 10 * GWEI)
                .withKeeper(SLOW, new Liquidator<>(new FullScan(), GWEI))
                .withKeeper(FAST, new Liquidator<>(new LiquidationIndex(), 2 * GWEI));
        Chain.Step step = chain.step(prices(1_050, 100, T0 + 12), Vector.empty(), random());

        assertThat(step.block().outcomes()).hasSize(2);
        assertThat(step.block().outcomes().get(0)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(step.block().outcomes().get(0).tx().sender()).isEqualTo(FAST);
        Outcome lost = step.block().outcomes().get(1);
        assertThat(lost).isInstanceOf(Outcome.Reverted.class);
        assertThat(((Outcome.Reverted) lost).reason()).isInstanceOf(Revert.NotLiquidatable.class);

        KeeperLedger fast = step.chain().ledger(FAST);
        assertThat(fast)
                .isEqualTo(new KeeperLedger(
                        1,
                        1,
                        0,
                        1,
                        0,
                        260_000,
                        I256.of(3_120_000_000_000_000L),
                        I256.of(3_276_000),
                        usdc(9).plus(I256.of(200_000))));
        assertThat(fast.netProfit()).isEqualTo(I256.of(9_200_000 - 3_276_000));
        KeeperLedger slow = step.chain().ledger(SLOW);
        assertThat(slow)
                .isEqualTo(new KeeperLedger(
                        1, 1, 1, 0, 1, 30_000, I256.of(330_000_000_000_000L), I256.of(346_500), I256.ZERO));
        assertThat(slow.netProfit()).isEqualTo(I256.of(-346_500));
    }

    @Test
    void equalFeesAreOrderedByTheSeededShuffle() {
        Chain chain = Chain.start(PARAMS, aliceOnly(), 1, T0 + 12, 10 * GWEI)
                .withKeeper(SLOW, new Liquidator<>(new FullScan(), GWEI))
                .withKeeper(FAST, new Liquidator<>(new FullScan(), GWEI));
        AccountId first = chain.step(prices(1_050, 100, T0 + 12), Vector.empty(), random())
                .block()
                .outcomes()
                .head()
                .tx()
                .sender();
        for (int i = 0; i < 5; i++) {
            assertThat(chain.step(prices(1_050, 100, T0 + 12), Vector.empty(), random())
                            .block()
                            .outcomes()
                            .head()
                            .tx()
                            .sender())
                    .isEqualTo(first);
        }
    }

    @Test
    void aFullBlockDelaysTheSecondLiquidationToTheNextBlock() {
        // gas limit 300,000 fits one 260,000-gas liquidation; Alice and Carol are both liquidatable at 1,050
        // block 1 includes one, the other stays pending; the keeper sees it pending and does not send it again
        // base fee after block 1: 10 gwei + 10 gwei * (260,000 - 150,000) / 150,000 / 8 = 10.916666666 gwei
        Chain chain = Chain.start(PARAMS.withGasLimit(300_000), aliceAndCarolLongEth(), 1, T0 + 12, 10 * GWEI)
                .withKeeper(FAST, new Liquidator<>(new FullScan(), 2 * GWEI));
        Chain.Step one = chain.step(prices(1_050, 100, T0 + 12), Vector.empty(), random());
        assertThat(one.block().outcomes()).hasSize(1);
        assertThat(one.block().left()).hasSize(1);
        assertThat(one.chain().baseFee()).isEqualTo(10_916_666_666L);

        Chain.Step two = one.chain().step(prices(1_050, 100, T0 + 24), Vector.empty(), random());
        assertThat(two.block().outcomes()).hasSize(1);
        assertThat(two.block().outcomes().head()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(two.block().left()).isEmpty();
        KeeperLedger ledger = two.chain().ledger(FAST);
        assertThat(ledger.sent()).isEqualTo(2);
        assertThat(ledger.liquidations()).isEqualTo(2);
        assertThat(ledger.reverted()).isZero();
    }

    @Test
    void aKeeperThatSeesPricesLateLiquidatesLaterAndEarnsLess() {
        // ETH per block: 1,100 (healthy), 1,050, 1,000, 950
        // on time: liquidates in block 2 at 1,050: reward 9.2 USDC (see the race above)
        // two blocks late: sees 1,050 only in block 4, where the contract reads 950: margin equity 1,000 + 950 - 2,000
        // = -50, so the penalty is capped at 0 and so is the reward (it is paid out of the penalty)
        long[] path = {1_100, 1_050, 1_000, 950};
        Run onTime = run(new Liquidator<>(new FullScan(), 2 * GWEI), path);
        Run late = run(new LatePrices<>(new Liquidator<>(new FullScan(), 2 * GWEI), 2), path);

        assertThat(onTime.liquidatedIn()).isEqualTo(2);
        assertThat(late.liquidatedIn()).isEqualTo(4);
        assertThat(onTime.ledger().rewards()).isEqualTo(I256.of(9_200_000));
        assertThat(late.ledger().rewards()).isEqualTo(I256.ZERO);
        assertThat(late.ledger().liquidations()).isEqualTo(1);
        assertThat(late.ledger().netProfit()).isLessThan(onTime.ledger().netProfit());
    }

    @Test
    void aVaultTakeoverCountsAsTheKeepersLiquidationThoughItPaysNothing() {
        // the backstop-vault policy: at ETH 1,000 Alice's margin equity 1,000 + 1,000 - 2,000 = 0 is below 2/3 of 5% of
        // 1,000 = 33.33, so the vault takes her over; the keeper that sent the call earns nothing but liquidated her
        // (before, the takeover was missing from the counts: 0 liquidations, 0 missed)
        var vault = new dev.solvent.model.policy.LiquidationPolicy.BackstopVault(
                KeeperFixtures.BACKSTOP,
                dev.solvent.model.math.Wad.parse("0.666666666666666667"),
                dev.solvent.model.math.U256.parse("1000000000000000"),
                dev.solvent.model.math.Wad.parse("0.2"),
                30);
        ProtocolState s = aliceOnly().withConfig(KeeperFixtures.config().withLiquidation(vault));
        Chain chain = Chain.start(PARAMS, s, 1, T0 + 12, 10 * GWEI)
                .withKeeper(SLOW, new Liquidator<>(new FullScan(), GWEI))
                .withKeeper(FAST, new Liquidator<>(new LiquidationIndex(), 2 * GWEI));
        Chain.Step step = chain.step(prices(1_000, 100, T0 + 12), Vector.empty(), random());

        assertThat(step.block().outcomes().head()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(((Outcome.Succeeded) step.block().outcomes().head())
                        .receipt()
                        .events())
                .anyMatch(dev.solvent.model.tx.Event.AccountBackstopped.class::isInstance);
        assertThat(step.chain().ledger(FAST).liquidations()).isEqualTo(1);
        assertThat(step.chain().ledger(FAST).rewards()).isEqualTo(I256.ZERO);
        assertThat(step.chain().ledger(SLOW).missed()).isEqualTo(1);
    }

    record Run(KeeperLedger ledger, long liquidatedIn) {}

    static Run run(Keeper<?> keeper, long[] eth) {
        Chain chain = Chain.start(PARAMS, aliceOnly(), 1, T0 + 12, 10 * GWEI).withKeeper(FAST, keeper);
        RandomGenerator random = random();
        long liquidatedIn = -1;
        for (long p : eth) {
            Chain.Step s = chain.step(prices(p, 100, chain.timestamp()), Vector.empty(), random);
            if (liquidatedIn < 0 && s.block().outcomes().exists(o -> o instanceof Outcome.Succeeded)) {
                liquidatedIn = chain.block();
            }
            chain = s.chain();
        }
        return new Run(chain.ledger(FAST), liquidatedIn);
    }
}
