package dev.solvent.model.view;

import static dev.solvent.model.view.KernelFixtures.answer;
import static dev.solvent.model.view.KernelFixtures.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Known answers, worked out by hand. The protocol: USDC (6 decimals) settles; WETH (18 decimals) counts at 0.8 as
 * collateral and 1.1 as a debt; ETH-PERP on WETH needs 10% initial and 5% maintenance margin. WETH is at 3000.12345678
 * ({@code 300012345678} with 8 decimals), so one base unit of WETH times the price is divided by {@code 10^(18 + 8 -
 * 6) = 10^20}.
 */
class HealthKernelTest {

    private static final AssetId USDC = AssetId.of("USDC");
    private static final AssetId WETH = AssetId.of("WETH");
    private static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    private static final long WETH_PRICE = 300_012_345_678L;
    /** The market's funding index: 1.234567 USDC per ETH (1.234567e6 base units, times 1e18), plus one. */
    private static final I256 INDEX = I256.parse("1234567000000000000000001");

    private static final ProtocolConfig CONFIG = KernelFixtures.config(
            KernelFixtures.settlement("USDC", 6),
            List.of(KernelFixtures.asset("WETH", 18, Wad.parse("0.8"), Wad.parse("1.1"))),
            List.of(KernelFixtures.market("ETH-PERP", "WETH", Wad.parse("0.1"), Wad.parse("0.05"))));
    private static final BlockContext BLOCK = KernelFixtures.block(TreeMap.of("WETH/USD", answer(WETH_PRICE, 8)));

    private static ProtocolState state(Account... accounts) {
        // the index was accrued at this block, so FundingLogic.currentIndex returns it unchanged
        ProtocolState s = ProtocolState.genesis(CONFIG, KernelFixtures.NOW)
                .withMarket(ETH_PERP, MarketState.genesis(KernelFixtures.NOW).withFunding(INDEX, KernelFixtures.NOW));
        for (Account a : accounts) {
            s = s.withAccount(a);
        }
        return s;
    }

    private static Account account(String id) {
        return Account.empty(AccountId.of(id));
    }

    /**
     * 1,000 USDC, 12.5 WETH (above 2^63 base units), long 10 ETH-PERP bought for 30,000 USDC, funding last settled at
     * index 0.
     *
     * <pre>
     * WETH value      floor(12.5e18 * 300012345678 / 1e20) = floor(37,501,543,209.75)  = 37,501,543,209
     * weighted 0.8    floor(37,501,543,209 * 0.8)           = floor(30,001,234,567.2)  = 30,001,234,567
     * position value  floor(1e19 * 300012345678 / 1e20)    = floor(30,001,234,567.8)  = 30,001,234,567
     * notional        ceil of the same                                                 = 30,001,234,568
     * pending funding ceil(1e19 * 1234567000000000000000001 / 1e36) = ceil(12,345,670.00000000000000001)
     *                                                                                  = 12,345,671
     * pnl             30,001,234,567 - 30,000,000,000 - 12,345,671                     = -11,111,104
     * equity          1,000,000,000 + 37,501,543,209 - 11,111,104                      = 38,490,432,105
     * margin equity   1,000,000,000 + 30,001,234,567 - 11,111,104                      = 30,990,123,463
     * initial         ceil(30,001,234,568 * 0.1)  = ceil(3,000,123,456.8)             = 3,000,123,457
     * maintenance     ceil(30,001,234,568 * 0.05) = ceil(1,500,061,728.4)             = 1,500,061,729
     * </pre>
     */
    @Test
    void measuresALongWithCollateralAboveTwoToThe63AndStaleFunding() {
        Account a = account("alice")
                .withBalance(USDC, I256.of(1_000_000_000L))
                .withBalance(WETH, I256.parse("12500000000000000000"))
                .withPosition(
                        ETH_PERP,
                        new Position(I256.parse("10000000000000000000"), I256.of(-30_000_000_000L), I256.ZERO));

        KernelResults r = evaluate(state(a));

        assertThat(r.data(0))
                .isEqualTo(Either.right(data(38_490_432_105L, 30_990_123_463L, 3_000_123_457L, 1_500_061_729L, true)));
        assertThat(r.isLiquidatable(0)).isFalse();
        assertThat(r.tookExactPath(0)).isFalse();
    }

    /**
     * 500 USDC, a debt of 0.5 WETH, short 2 ETH-PERP sold for 6,000 USDC, funding settled at the current index.
     *
     * <pre>
     * debt value      ceil(5e17 * 300012345678 / 1e20)  = ceil(1,500,061,728.39)   = 1,500,061,729
     * weighted 1.1    ceil(1,500,061,729 * 1.1)         = ceil(1,650,067,901.9)    = 1,650,067,902
     * position value  floor(-2e18 * 300012345678 / 1e20) = floor(-6,000,246,913.56) = -6,000,246,914
     * notional                                                                     = 6,000,246,914
     * pnl             -6,000,246,914 + 6,000,000,000 - 0                            = -246,914
     * equity          500,000,000 - 1,500,061,729 - 246,914                         = -1,000,308,643
     * margin equity   500,000,000 - 1,650,067,902 - 246,914                         = -1,150,314,816
     * initial         ceil(600,024,691.4) = 600,024,692; maintenance ceil(300,012,345.7) = 300,012,346
     * </pre>
     */
    @Test
    void measuresAShortWithADebtAsLiquidatable() {
        Account b = account("bob")
                .withBalance(USDC, I256.of(500_000_000L))
                .withBalance(WETH, I256.of(-500_000_000_000_000_000L))
                .withPosition(
                        ETH_PERP, new Position(I256.of(-2_000_000_000_000_000_000L), I256.of(6_000_000_000L), INDEX));

        KernelResults r = evaluate(state(b));

        assertThat(r.data(0))
                .isEqualTo(Either.right(data(-1_000_308_643L, -1_150_314_816L, 600_024_692L, 300_012_346L, true)));
        assertThat(r.isLiquidatable(0)).isTrue();
    }

    /**
     * Long 1 ETH-PERP at the current index: value floor(3,000,123,456.78) = 3,000,123,456, notional 3,000,123,457,
     * maintenance ceil(150,006,172.85) = 150,006,173. A quote of 150,006,173 - 3,000,123,456 = -2,850,117,283 puts
     * margin equity exactly at the requirement (not liquidatable); one unit less is liquidatable.
     */
    @Test
    void isNotLiquidatableAtTheRequirementAndIsOneUnitBelow() {
        Account atThreshold = account("carol")
                .withPosition(
                        ETH_PERP, new Position(I256.of(1_000_000_000_000_000_000L), I256.of(-2_850_117_283L), INDEX));
        Account below = account("dave")
                .withPosition(
                        ETH_PERP, new Position(I256.of(1_000_000_000_000_000_000L), I256.of(-2_850_117_284L), INDEX));

        KernelResults r = evaluate(state(atThreshold, below));

        assertThat(r.marginEquity(0)).isEqualTo(I256.of(150_006_173L));
        assertThat(r.maintenanceRequirement(0)).isEqualTo(I256.of(150_006_173L));
        assertThat(r.isLiquidatable(0)).isFalse();
        assertThat(r.marginEquity(1)).isEqualTo(I256.of(150_006_172L));
        assertThat(r.isLiquidatable(1)).isTrue();
    }

    /** The same account through the raw-array constructor gives the same known answer. */
    @Test
    void rawArraysGiveTheSameAnswerAsTheState() {
        long wad = 1_000_000_000_000_000_000L;
        HealthKernel kernel = new HealthKernel(
                6,
                new HealthKernel.Assets(
                        new int[] {6, 18},
                        new boolean[] {true, false},
                        new long[] {0, WETH_PRICE},
                        new int[] {0, 8},
                        new long[] {wad, 800_000_000_000_000_000L},
                        new long[] {wad, 1_100_000_000_000_000_000L}),
                new HealthKernel.Markets(
                        new int[] {18},
                        new long[] {WETH_PRICE},
                        new int[] {8},
                        new long[] {Wide.hi(INDEX)},
                        new long[] {Wide.lo(INDEX)},
                        new long[] {wad / 10},
                        new long[] {wad / 20}));
        BigInteger weth = new BigInteger("12500000000000000000");
        BigInteger ten = new BigInteger("10000000000000000000");
        KernelAccounts accounts = new KernelAccounts(
                1,
                2,
                1,
                new int[] {0, 1},
                new long[] {0, weth.shiftRight(64).longValue()},
                new long[] {1_000_000_000L, weth.longValue()},
                new int[] {0},
                new long[] {ten.shiftRight(64).longValue()},
                new long[] {ten.longValue()},
                new long[] {-1},
                new long[] {-30_000_000_000L},
                new long[] {0},
                new long[] {0});

        KernelResults r = kernel.evaluate(accounts);

        assertThat(r.data(0))
                .isEqualTo(Either.right(data(38_490_432_105L, 30_990_123_463L, 3_000_123_457L, 1_500_061_729L, true)));
    }

    @Test
    void reportsAStalePriceAsTheReferenceDoes() {
        Account a = account("erin").withBalance(WETH, I256.of(1_000_000_000_000_000_000L));
        BlockContext stale = KernelFixtures.block(TreeMap.of(
                "WETH/USD", new OracleAnswer(I256.of(WETH_PRICE), 8, KernelFixtures.NOW - KernelFixtures.MAX_AGE - 1)));
        ProtocolState s = state(a);

        KernelResults r = HealthKernel.of(s, stale).evaluate(KernelAccounts.of(s));

        assertThat(r.isReverted(0)).isTrue();
        assertThat(r.data(0)).isEqualTo(reference(s, a, stale));
        assertThat(r.data(0).getLeft()).isInstanceOf(Revert.StalePrice.class);
    }

    /** 2^100 WETH is worth about 3.8e21 USDC base units, past the fast path's 2^62: the exact path measures it. */
    @Test
    void measuresAWhaleOnTheExactPath() {
        Account whale = account("whale").withBalance(WETH, I256.of(BigInteger.TWO.pow(100)));
        ProtocolState s = state(whale);

        KernelResults r = evaluate(s);

        assertThat(r.tookExactPath(0)).isTrue();
        assertThat(r.data(0)).isEqualTo(reference(s, whale, BLOCK));
    }

    /** An amount past 128 bits does not fit the arrays: MarginLogic.cross measures the account. */
    @Test
    void handsAnAccountBeyond128BitsToTheReference() {
        Account huge = account("huge").withBalance(USDC, I256.of(BigInteger.TWO.pow(130)));
        ProtocolState s = state(huge);
        KernelAccounts accounts = KernelAccounts.of(s);

        KernelResults r = HealthKernel.of(s, BLOCK).evaluate(accounts);

        assertThat(accounts.reference[0]).isTrue();
        assertThat(r.data(0)).isEqualTo(reference(s, huge, BLOCK));
        assertThat(r.marginEquity(0)).isEqualTo(I256.of(BigInteger.TWO.pow(130)));
    }

    /**
     * A funding index of 2^127 - 1 and a position index of -2^127 both fit 128 bits, but their difference (2^128 - 1)
     * does not: wrapped, it would read as -1 and the position would owe nothing. The kernel notices and takes the
     * exact path.
     */
    @Test
    void detectsAFundingIndexMoveBeyond128Bits() {
        I256 top = I256.of(BigInteger.TWO.pow(127).subtract(BigInteger.ONE));
        I256 bottom = I256.of(BigInteger.TWO.pow(127).negate());
        Account a = account("frank")
                .withPosition(ETH_PERP, new Position(I256.of(1_000_000_000_000_000_000L), I256.ZERO, bottom));
        ProtocolState s = ProtocolState.genesis(CONFIG, KernelFixtures.NOW)
                .withMarket(ETH_PERP, MarketState.genesis(KernelFixtures.NOW).withFunding(top, KernelFixtures.NOW))
                .withAccount(a);

        KernelResults r = evaluate(s);

        assertThat(r.tookExactPath(0)).isTrue();
        assertThat(r.data(0)).isEqualTo(reference(s, a, BLOCK));
    }

    @Test
    void refusesAccountsThatNeedTheReferenceWithARawKernel() {
        Account huge = account("huge").withBalance(USDC, I256.of(BigInteger.TWO.pow(130)));
        KernelAccounts accounts = KernelAccounts.of(state(huge));
        HealthKernel raw = new HealthKernel(
                6,
                new HealthKernel.Assets(
                        new int[] {6}, new boolean[] {true}, new long[] {0}, new int[] {0}, new long[] {0}, new long[] {
                            0
                        }),
                new HealthKernel.Markets(
                        new int[0], new long[0], new int[0], new long[0], new long[0], new long[0], new long[0]));

        assertThatThrownBy(() -> raw.evaluate(accounts)).isInstanceOf(IllegalArgumentException.class);
    }

    private static KernelResults evaluate(ProtocolState s) {
        return HealthKernel.of(s, BLOCK).evaluate(KernelAccounts.of(s));
    }

    private static AccountData data(long equity, long marginEquity, long initial, long maintenance, boolean risk) {
        return new AccountData(I256.of(equity), I256.of(marginEquity), I256.of(initial), I256.of(maintenance), risk);
    }

    @Test
    void keepsTheIdsOfAccountsBuiltFromAState() {
        ProtocolState s = state(account("x").withBalance(USDC, I256.ONE));
        assertThat(KernelAccounts.of(s).id(0)).isEqualTo(Option.some(AccountId.of("x")));
    }
}
