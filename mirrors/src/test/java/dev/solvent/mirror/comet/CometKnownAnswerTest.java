package dev.solvent.mirror.comet;

import static dev.solvent.mirror.comet.CometFixture.COMET;
import static dev.solvent.mirror.comet.CometFixture.GOVERNOR;
import static dev.solvent.mirror.comet.CometFixture.ONE;
import static dev.solvent.mirror.comet.CometFixture.PAUSE_GUARDIAN;
import static dev.solvent.mirror.comet.CometFixture.START;
import static dev.solvent.mirror.comet.CometFixture.USERS;
import static dev.solvent.mirror.comet.CometFixture.USUP;
import static dev.solvent.mirror.comet.CometFixture.big;
import static dev.solvent.mirror.comet.CometFixture.defaultAssets;
import static dev.solvent.mirror.comet.CometFixture.exp;
import static dev.solvent.mirror.comet.CometFixture.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.comet.CometFixture.AssetSpec;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Known answers from Comet's own hardhat test suite ({@code compound-finance/comet}, {@code test/*.ts} at commit
 * d5a30b0a), replayed on the mirror: the same configuration ({@code makeProtocol} defaults plus each test's
 * overrides, see {@link CometFixture}), the same actions (the {@code CometHarness} setters become direct edits of
 * the state), the same expected integers, events and reverts. Each test names its source: file and {@code it('...')}
 * title.
 *
 * <p>Where the hardhat test only checks {@code .to.be.reverted}, the mirror's exact reason is asserted and the comment
 * says why Comet gives it. {@code LiquidatorPoints.approxSpend} (gas times base fee) is not compared: the mirror has
 * no gas, and the hardhat tests only bound it by the receipt's gas cost.
 */
class CometKnownAnswerTest {

    static EvmRevert error(String name) {
        return new EvmRevert.CustomError(name);
    }

    static Log cometLog(String event, Object... args) {
        return Log.of(COMET, event, args);
    }

    static Log transfer(CometFixture f, String symbol, Address from, Address to, BigInteger amount) {
        return Log.of(f.token(symbol), "Transfer", from, to, amount);
    }

    static CometCall.Absorb absorb(Address absorber, Address... accounts) {
        return new CometCall.Absorb(GOVERNOR, absorber, List.of(accounts));
    }

    /** {@code accrue()} of the harness: {@code accrueAccount} of an account that never used the market. */
    static final Address NOBODY = Address.ofNumber(0xACC);

    static CometCall accrue() {
        return new CometCall.AccrueAccount(GOVERNOR, NOBODY);
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class AbsorbTestTs {

        // absorb-test.ts, it('reverts if total borrows underflows') @ d5a30b0a
        @Test
        void absorbingADebtTheTotalsDoNotCountPanicsWithAnUnderflow() {
            CometFixture f = options().deploy();
            Address absorber = USERS.get(0), underwater = USERS.get(1);
            f.setBasePrincipal(underwater, big(-100));

            assertThat(f.reverts(absorb(absorber, underwater))).isEqualTo(EvmRevert.OVERFLOW);
        }

        // absorb-test.ts, it('absorbs 1 account and pays out the absorber') @ d5a30b0a
        @Test
        void absorbsOneAccountAndPaysOutTheAbsorber() {
            CometFixture f = options().zeroRates().deploy();
            Address absorber = USERS.get(0), underwater = USERS.get(1);
            f.setTotalsBasic(t -> t.withTotals(t.totalSupplyBase(), big(100)));
            f.setBasePrincipal(underwater, big(-100));

            assertThat(f.getReserves()).isEqualTo(big(100));
            assertThat(f.baseBalanceOf(absorber)).isZero();
            assertThat(f.baseBalanceOf(underwater)).isEqualTo(big(-100));

            CometReceipt a0 = f.ok(absorb(absorber, underwater));

            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isZero();
            assertThat(t1.totalBorrowBase()).isZero();
            assertThat(f.getReserves()).isZero();
            assertThat(f.baseBalanceOf(absorber)).isZero();
            assertThat(f.baseBalanceOf(underwater)).isZero();
            assertThat(f.tokenBalance("USDC", absorber)).isZero();
            LiquidatorPoints lA1 = f.state().liquidatorPoints(absorber);
            assertThat(lA1.numAbsorbs()).isEqualTo(1);
            assertThat(lA1.numAbsorbed()).isEqualTo(big(1));
            assertThat(f.state().liquidatorPoints(underwater)).isEqualTo(LiquidatorPoints.NONE);
            // usdValue = mulPrice(100, 1e8, 1e6)
            assertThat(a0.logs()).containsExactly(cometLog("AbsorbDebt", absorber, underwater, big(100), big(10_000)));
        }

        // absorb-test.ts, it('absorbs 2 accounts and pays out the absorber') @ d5a30b0a
        @Test
        void absorbsTwoAccountsAndPaysOutTheAbsorber() {
            CometFixture f = options().zeroRates().deploy();
            Address absorber = USERS.get(0), underwater1 = USERS.get(1), underwater2 = USERS.get(2);
            f.setTotalsBasic(t -> t.withTotals(t.totalSupplyBase(), big(2000)));
            assertThat(f.getReserves()).isEqualTo(big(2000));
            f.setBasePrincipal(underwater1, big(-100));
            f.setBasePrincipal(underwater2, big(-700));

            CometReceipt a0 = f.ok(absorb(absorber, underwater1, underwater2));

            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isZero();
            assertThat(t1.totalBorrowBase()).isEqualTo(big(1200));
            assertThat(f.getReserves()).isEqualTo(big(1200));
            assertThat(f.baseBalanceOf(underwater1)).isZero();
            assertThat(f.baseBalanceOf(underwater2)).isZero();
            assertThat(f.baseBalanceOf(absorber)).isZero();
            LiquidatorPoints lA1 = f.state().liquidatorPoints(absorber);
            assertThat(lA1.numAbsorbs()).isEqualTo(1);
            assertThat(lA1.numAbsorbed()).isEqualTo(big(2));
            assertThat(a0.logs())
                    .containsExactly(
                            cometLog("AbsorbDebt", absorber, underwater1, big(100), big(10_000)),
                            cometLog("AbsorbDebt", absorber, underwater2, big(700), big(70_000)));
        }

        // absorb-test.ts, it('absorbs 3 accounts with collateral and pays out the absorber') @ d5a30b0a
        @Test
        void absorbsThreeAccountsWithCollateralAndPaysOutTheAbsorber() {
            CometFixture f = options().zeroRates().deploy();
            Address absorber = USERS.get(0);
            Address underwater1 = USERS.get(1), underwater2 = USERS.get(2), underwater3 = USERS.get(3);
            BigInteger compTotal = exp("0.000001", 18).add(exp(10, 18)).add(exp(10_000, 18));
            BigInteger wethTotal = exp(1, 18).add(exp(50, 18));
            f.setTotalsBasic(t -> t.withTotals(exp(4_000_000_000_000_000L, 6), exp(3_000_000_000_000_000L, 6)));
            f.bumpTotalsCollateral("COMP", compTotal);
            f.bumpTotalsCollateral("WETH", wethTotal);
            f.bumpTotalsCollateral("WBTC", exp(50, 8));

            f.setBasePrincipal(underwater1, exp(1, 6).negate());
            f.setCollateralBalance(underwater1, "COMP", exp(1, 12));

            f.setBasePrincipal(underwater2, exp(1, 12).negate());
            f.setCollateralBalance(underwater2, "COMP", exp(10, 18));
            f.setCollateralBalance(underwater2, "WETH", exp(1, 18));

            f.setBasePrincipal(underwater3, exp(1, 18).negate());
            f.setCollateralBalance(underwater3, "COMP", exp(10_000, 18));
            f.setCollateralBalance(underwater3, "WETH", exp(50, 18));
            f.setCollateralBalance(underwater3, "WBTC", exp(50, 8));

            // cTR0: the totals and reserves before
            assertThat(f.state().totalsBasic().totalSupplyBase()).isEqualTo(exp(4_000_000_000_000_000L, 6));
            assertThat(f.state().totalSupplyAsset(f.token("COMP"))).isEqualTo(compTotal);
            assertThat(f.getReserves()).isEqualTo(exp(1_000_000_000_000_000L, 6).negate());
            assertThat(f.collateralReserves("COMP")).isZero();
            assertThat(f.collateralReserves("WETH")).isZero();
            assertThat(f.collateralReserves("WBTC")).isZero();

            CometReceipt a0 = f.ok(absorb(absorber, underwater1, underwater2, underwater3));

            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isEqualTo(exp(4_000_000_000_000_000L, 6));
            assertThat(t1.totalBorrowBase())
                    .isEqualTo(exp(3_000_000_000_000_000L, 6)
                            .subtract(exp(1, 18))
                            .subtract(exp(1, 12))
                            .subtract(exp(1, 6)));
            for (String c : List.of("COMP", "WETH", "WBTC")) {
                assertThat(f.state().totalSupplyAsset(f.token(c))).as(c).isZero();
            }
            assertThat(f.collateralReserves("COMP")).isEqualTo(compTotal);
            assertThat(f.collateralReserves("WETH")).isEqualTo(wethTotal);
            assertThat(f.collateralReserves("WBTC")).isEqualTo(exp(50, 8));
            assertThat(f.getReserves())
                    .isEqualTo(exp(1_000_000_000_000_000L, 6)
                            .negate()
                            .subtract(exp(1, 6))
                            .subtract(exp(1, 12))
                            .subtract(exp(1, 18)));
            // the collateral stays in Comet (pP1.external)
            assertThat(f.tokenBalance("COMP", COMET)).isEqualTo(compTotal);
            assertThat(f.tokenBalance("WETH", COMET)).isEqualTo(wethTotal);
            assertThat(f.tokenBalance("WBTC", COMET)).isEqualTo(exp(50, 8));
            assertThat(f.tokenBalance("USDC", COMET)).isZero();
            for (Address u : List.of(underwater1, underwater2, underwater3, absorber)) {
                assertThat(f.baseBalanceOf(u)).isZero();
                for (String c : List.of("COMP", "WETH", "WBTC")) {
                    assertThat(f.collateralBalanceOf(u, c)).isZero();
                }
            }
            LiquidatorPoints lA1 = f.state().liquidatorPoints(absorber);
            assertThat(lA1.numAbsorbs()).isEqualTo(1);
            assertThat(lA1.numAbsorbed()).isEqualTo(big(3));

            Address comp = f.token("COMP"), weth = f.token("WETH"), wbtc = f.token("WBTC");
            // usdValue = mulPrice(amount, price, scale): COMP 175e8, WETH 3000e8, WBTC 41000e8, USDC 1e8
            assertThat(a0.logs())
                    .containsExactly(
                            cometLog("AbsorbCollateral", absorber, underwater1, comp, exp(1, 12), big(17_500)),
                            cometLog("AbsorbDebt", absorber, underwater1, exp(1, 6), exp(1, 8)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater2,
                                    comp,
                                    exp(10, 18),
                                    big(175_000_000_000L)),
                            cometLog(
                                    "AbsorbCollateral", absorber, underwater2, weth, exp(1, 18), big(300_000_000_000L)),
                            cometLog("AbsorbDebt", absorber, underwater2, exp(1, 12), exp(1, 14)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater3,
                                    comp,
                                    exp(10_000, 18),
                                    big(175_000_000_000_000L)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater3,
                                    weth,
                                    exp(50, 18),
                                    big(15_000_000_000_000L)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater3,
                                    wbtc,
                                    exp(50, 8),
                                    big(205_000_000_000_000L)),
                            cometLog("AbsorbDebt", absorber, underwater3, exp(1, 18), exp(1, 20)));
        }

        // absorb-test.ts, it('absorbs an account with more than enough collateral to still cover debt') @ d5a30b0a
        @Test
        void absorbsAnAccountWithMoreThanEnoughCollateralAndCreditsTheSurplus() {
            // defaultAssets({ borrowCF: factor(1 / 2), liquidateCF: factor(2 / 3) }): exp() keeps 6 fraction digits
            BigInteger borrowCF = exp("0.5", 18), liquidateCF = exp("0.6666666666666666", 18);
            AssetSpec[] assets = defaultAssets().stream()
                    .map(a -> a.borrowCF(borrowCF).liquidateCF(liquidateCF))
                    .toArray(AssetSpec[]::new);
            CometFixture f = options().zeroRates().assets(assets).deploy();
            Address absorber = USERS.get(0), underwater = USERS.get(1);

            BigInteger finalDebt = big(1);
            BigInteger startingDebt =
                    finalDebt.subtract(exp(41_000, 6).add(exp(3000, 6)).add(exp(175, 6))); // -44174999999
            f.setTotalsBasic(t -> t.withTotals(t.totalSupplyBase(), startingDebt.negate()));
            f.bumpTotalsCollateral("COMP", exp(1, 18));
            f.bumpTotalsCollateral("WETH", exp(1, 18));
            f.bumpTotalsCollateral("WBTC", exp(1, 8));
            assertThat(f.getReserves()).isEqualTo(startingDebt.negate());

            f.setBasePrincipal(underwater, startingDebt);
            f.setCollateralBalance(underwater, "COMP", exp(1, 18));
            f.setCollateralBalance(underwater, "WETH", exp(1, 18));
            f.setCollateralBalance(underwater, "WBTC", exp(1, 8));
            assertThat(f.baseBalanceOf(underwater)).isEqualTo(startingDebt);

            CometReceipt a0 = f.ok(absorb(absorber, underwater));

            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isEqualTo(finalDebt);
            assertThat(t1.totalBorrowBase()).isZero();
            assertThat(f.getReserves()).isEqualTo(finalDebt.negate());
            assertThat(f.tokenBalance("COMP", COMET)).isEqualTo(exp(1, 18));
            assertThat(f.tokenBalance("WETH", COMET)).isEqualTo(exp(1, 18));
            assertThat(f.tokenBalance("WBTC", COMET)).isEqualTo(exp(1, 8));
            assertThat(f.baseBalanceOf(underwater)).isEqualTo(big(1));
            for (String c : List.of("COMP", "WETH", "WBTC")) {
                assertThat(f.collateralBalanceOf(underwater, c)).isZero();
            }
            LiquidatorPoints lA1 = f.state().liquidatorPoints(absorber);
            assertThat(lA1.numAbsorbs()).isEqualTo(1);
            assertThat(lA1.numAbsorbed()).isEqualTo(big(1));

            BigInteger basePaidOut = big(1).subtract(startingDebt); // pU1.internal.USDC - startingDebt = 44175e6
            assertThat(a0.logs())
                    .containsExactly(
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater,
                                    f.token("COMP"),
                                    exp(1, 18),
                                    big(17_500_000_000L)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater,
                                    f.token("WETH"),
                                    exp(1, 18),
                                    big(300_000_000_000L)),
                            cometLog(
                                    "AbsorbCollateral",
                                    absorber,
                                    underwater,
                                    f.token("WBTC"),
                                    exp(1, 8),
                                    big(4_100_000_000_000L)),
                            cometLog("AbsorbDebt", absorber, underwater, basePaidOut, big(4_417_500_000_000L)),
                            cometLog("Transfer", Address.ZERO, underwater, finalDebt));
        }

        // absorb-test.ts, it('reverts if an account is not underwater') @ d5a30b0a
        @Test
        void absorbingAnAccountThatIsNotUnderwaterRevertsNotLiquidatable() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);

            assertThat(f.reverts(absorb(alice, bob))).isEqualTo(error("NotLiquidatable"));
        }

        // absorb-test.ts, it('reverts if absorb is paused') @ d5a30b0a
        @Test
        void absorbingWhileAbsorbIsPausedRevertsPaused() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.ok(new CometCall.Pause(PAUSE_GUARDIAN, false, false, false, true, false));
            assertThat(CometViews.isAbsorbPaused(f.state())).isTrue();

            assertThat(f.reverts(new CometCall.Absorb(bob, bob, List.of(alice))))
                    .isEqualTo(error("Paused"));
        }

        // absorb-test.ts, it('updates assetsIn for liquidated account') @ d5a30b0a
        @Test
        void absorbingAnAccountClearsItsAssetsIn() {
            CometFixture f = options().deploy();
            Address absorber = USERS.get(0), underwater = USERS.get(1);
            f.bumpTotalsCollateral("COMP", exp(1, 18));
            f.bumpTotalsCollateral("WETH", exp(1, 18));
            f.setCollateralBalance(underwater, "COMP", exp(1, 18));
            f.setCollateralBalance(underwater, "WETH", exp(1, 18));
            assertThat(f.state().userBasic(underwater).assetsIn()).isEqualTo(0b011); // getAssetList: [COMP, WETH]

            BigInteger borrowAmount = exp(4000, 6); // a 4,000 $ borrow against 3,000 $ + 175 $
            f.setBasePrincipal(underwater, borrowAmount.negate());
            f.setTotalsBasic(t -> t.withTotals(t.totalSupplyBase(), borrowAmount));
            assertThat(f.isLiquidatable(underwater)).isTrue();

            f.ok(absorb(absorber, underwater));

            assertThat(f.state().userBasic(underwater).assetsIn()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class IsLiquidatableTestTs {

        /** {@code assets: { USDC: { decimals: 6 }, COMP: { initial: 1e7, decimals: 18, initialPrice: 1 } }}. */
        AssetSpec[] usdcAndComp(AssetSpec comp) {
            return new AssetSpec[] {AssetSpec.of("USDC", 6, "1"), comp};
        }

        // is-liquidatable-test.ts, it('defaults to false') @ d5a30b0a
        @Test
        void anAccountThatNeverUsedTheMarketIsNotLiquidatable() {
            CometFixture f = options().deploy();
            assertThat(f.isLiquidatable(USERS.get(0))).isFalse();
        }

        // is-liquidatable-test.ts, it('is false when user is owed principal') @ d5a30b0a
        @Test
        void aSupplierIsNotLiquidatable() {
            CometFixture f = options().deploy();
            f.setBasePrincipal(USERS.get(0), big(1_000_000));
            assertThat(f.isLiquidatable(USERS.get(0))).isFalse();
        }

        // is-liquidatable-test.ts, it('is true when user owes principal') @ d5a30b0a
        @Test
        void aBorrowerWithoutCollateralIsLiquidatable() {
            CometFixture f = options().deploy();
            f.setBasePrincipal(USERS.get(0), big(-1_000_000));
            assertThat(f.isLiquidatable(USERS.get(0))).isTrue();
        }

        // is-liquidatable-test.ts, it('is false when collateral can cover the borrowed principal') @ d5a30b0a
        @Test
        void collateralWorthExactlyTheDebtAtTheLiquidationFactorIsNotLiquidatable() {
            CometFixture f =
                    options().assets(usdcAndComp(AssetSpec.of("COMP", 18, "1"))).deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(-100_000_000_000L)); // owes 100,000 $
            f.setCollateralBalance(alice, "COMP", exp(100_000, 18)); // holds 100,000 $ of COMP, liquidateCF 1

            assertThat(f.isLiquidatable(alice)).isFalse();
        }

        // is-liquidatable-test.ts, it('is true when the collateral cannot cover the borrowed principal') @ d5a30b0a
        @Test
        void collateralWorthLessThanTheDebtIsLiquidatable() {
            CometFixture f =
                    options().assets(usdcAndComp(AssetSpec.of("COMP", 18, "1"))).deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(-100_000_000_000L));
            f.setCollateralBalance(alice, "COMP", exp(95_000, 18));

            assertThat(f.isLiquidatable(alice)).isTrue();
        }

        // is-liquidatable-test.ts,
        // it('takes liquidateCollateralFactor into account when comparing principal to collateral') @ d5a30b0a
        @Test
        void theLiquidateCollateralFactorDiscountsTheCollateral() {
            CometFixture f = options()
                    .assets(usdcAndComp(AssetSpec.of("COMP", 18, "1")
                            .borrowCF(exp("0.75", 18))
                            .liquidateCF(exp("0.8", 18))))
                    .deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(-100_000_000_000L));
            f.setCollateralBalance(alice, "COMP", exp(100_000, 18));

            assertThat(f.isLiquidatable(alice)).isTrue();
        }

        // is-liquidatable-test.ts, it('changes when the underlying asset price changes') @ d5a30b0a
        @Test
        void aPriceDropMakesTheAccountLiquidatable() {
            CometFixture f =
                    options().assets(usdcAndComp(AssetSpec.of("COMP", 18, "1"))).deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(-100_000_000_000L));
            f.setCollateralBalance(alice, "COMP", exp(100_000, 18));
            assertThat(f.isLiquidatable(alice)).isFalse();

            f.setPrice("COMP", exp("0.5", 8));

            assertThat(f.isLiquidatable(alice)).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class IsBorrowCollateralizedTestTs {

        AssetSpec[] usdcAndComp(AssetSpec comp) {
            return new AssetSpec[] {AssetSpec.of("USDC", 6, "1"), comp};
        }

        // is-borrow-collateralized-test.ts, it('is false when user owes principal') @ d5a30b0a
        @Test
        void aBorrowWithoutCollateralIsNotCollateralized() {
            CometFixture f = options().deploy();
            f.setBasePrincipal(USERS.get(0), big(-1_000_000));
            assertThat(f.isBorrowCollateralized(USERS.get(0))).isFalse();
        }

        // is-borrow-collateralized-test.ts, it('is true when value of collateral is greater than principal owed')
        // @ d5a30b0a
        @Test
        void collateralWorthMoreThanTheDebtAtTheBorrowFactorIsCollateralized() {
            CometFixture f = options()
                    .assets(usdcAndComp(AssetSpec.of("COMP", 18, "1").borrowCF(exp("0.9", 18))))
                    .deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, exp(1, 6).negate());
            f.setCollateralBalance(alice, "COMP", exp("1.2", 18));

            assertThat(f.isBorrowCollateralized(alice)).isTrue();
        }

        // is-borrow-collateralized-test.ts, it('takes borrow collateral factor into account when valuing collateral')
        // @ d5a30b0a
        @Test
        void theBorrowCollateralFactorDiscountsTheCollateral() {
            CometFixture f = options()
                    .assets(usdcAndComp(AssetSpec.of("COMP", 18, "1").borrowCF(exp("0.9", 18))))
                    .deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(-1_000_000));
            f.setCollateralBalance(alice, "COMP", exp(1, 18));

            assertThat(f.isBorrowCollateralized(alice)).isFalse();
        }

        // is-borrow-collateralized-test.ts, it('changes when the underlying asset price changes') @ d5a30b0a
        @Test
        void aPriceDropUncollateralizesTheBorrow() {
            CometFixture f = options()
                    .assets(usdcAndComp(AssetSpec.of("COMP", 18, "1").borrowCF(exp("0.2", 18))))
                    .deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, exp(1, 6).negate());
            f.setCollateralBalance(alice, "COMP", exp(5, 18)); // 5 $ * 0.2 covers exactly 1 $
            assertThat(f.isBorrowCollateralized(alice)).isTrue();

            f.setPrice("COMP", exp("0.5", 8));

            assertThat(f.isBorrowCollateralized(alice)).isFalse();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class BuyCollateralTestTs {

        /** USDC base and COMP at 1 $, storefront factor 0.5, as the buy-collateral tests set them. */
        CometFixture market(BigInteger targetReserves, BigInteger liquidationFactor, BigInteger storeFront) {
            return options()
                    .storeFrontPriceFactor(storeFront)
                    .targetReserves(targetReserves)
                    .assets(
                            AssetSpec.of("USDC", 6, "1"),
                            AssetSpec.of("COMP", 18, "1").liquidationFactor(liquidationFactor))
                    .deploy();
        }

        CometCall.BuyCollateral buy(CometFixture f, Address buyer, BigInteger minAmount, BigInteger baseAmount) {
            return new CometCall.BuyCollateral(buyer, f.token("COMP"), minAmount, baseAmount, buyer);
        }

        // buy-collateral-test.ts, it('allows buying collateral when reserves < target reserves') @ d5a30b0a
        @Test
        void buysCollateralAtTheStorefrontDiscountWhenReservesAreBelowTarget() {
            CometFixture f = market(big(100), exp("0.8", 18), exp("0.5", 18));
            Address alice = USERS.get(0);
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(60, 18));
            assertThat(f.getReserves()).isZero();
            f.approve("USDC", alice, COMET, exp(50, 6));

            CometReceipt txn = f.ok(buy(f, alice, exp(50, 18), exp(50, 6)));

            BigInteger bought = new BigInteger("55555555555555555555"); // 50 $ at 0.9 $ (discount 0.5 * (1 - 0.8))
            assertThat(f.tokenBalance("USDC", alice)).isEqualTo(exp(50, 6));
            assertThat(f.tokenBalance("COMP", alice)).isEqualTo(bought);
            assertThat(f.baseBalanceOf(alice)).isZero();
            assertThat(f.collateralBalanceOf(alice, "COMP")).isZero();
            assertThat(f.getReserves()).isEqualTo(exp(50, 6));
            assertThat(txn.logs())
                    .containsExactly(
                            transfer(f, "USDC", alice, COMET, exp(50, 6)),
                            transfer(f, "COMP", COMET, alice, bought),
                            cometLog("BuyCollateral", alice, f.token("COMP"), exp(50, 6), bought));
        }

        // buy-collateral-test.ts, it('allows buying collateral when reserves < 0 and target reserves is 0')
        // @ d5a30b0a
        @Test
        void buysCollateralWhenReservesAreNegativeAndTheTargetIsZero() {
            CometFixture f = market(BigInteger.ZERO, exp("0.8", 18), exp("0.5", 18));
            Address alice = USERS.get(0);
            f.setTotalsBasic(t -> t.withTotals(big(100_000_000), BigInteger.ZERO));
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(60, 18));
            assertThat(f.getReserves()).isEqualTo(big(-100_000_000));
            f.approve("USDC", alice, COMET, exp(50, 6));

            CometReceipt txn = f.ok(buy(f, alice, exp(50, 18), exp(50, 6)));

            BigInteger bought = new BigInteger("55555555555555555555");
            assertThat(f.tokenBalance("USDC", alice)).isEqualTo(exp(50, 6));
            assertThat(f.tokenBalance("COMP", alice)).isEqualTo(bought);
            assertThat(f.getReserves()).isEqualTo(big(-50_000_000));
            assertThat(txn.logs().get(2))
                    .isEqualTo(cometLog("BuyCollateral", alice, f.token("COMP"), exp(50, 6), bought));
        }

        // buy-collateral-test.ts, it('can buy any excess collateral which does not belong to users') @ d5a30b0a
        @Test
        void buysExactlyTheCollateralNoUserOwns() {
            CometFixture f = market(exp(100_000_000, 6), ONE, exp("0.5", 18));
            Address alice = USERS.get(0);
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(60, 18));
            f.setTotalsCollateral("COMP", exp(10, 18)); // 10 COMP are users', 50 are reserves
            assertThat(f.getReserves()).isZero();
            f.approve("USDC", alice, COMET, exp(50, 6));

            f.ok(buy(f, alice, exp(50, 18), exp(50, 6)));

            assertThat(f.tokenBalance("USDC", alice)).isEqualTo(exp(50, 6));
            assertThat(f.tokenBalance("COMP", alice)).isEqualTo(exp(50, 18));
            assertThat(f.getReserves()).isEqualTo(exp(50, 6));
        }

        // buy-collateral-test.ts, it('reverts if trying to buy collateral which belongs to users') @ d5a30b0a
        @Test
        void buyingCollateralThatBelongsToUsersRevertsInsufficientReserves() {
            CometFixture f = market(exp(100_000_000, 6), ONE, exp("0.5", 18));
            Address alice = USERS.get(0);
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(60, 18));
            f.setTotalsCollateral("COMP", exp(20, 18)); // only 40 COMP are reserves
            f.approve("USDC", alice, COMET, exp(50, 6));

            assertThat(f.reverts(buy(f, alice, exp(50, 18), exp(50, 6)))).isEqualTo(error("InsufficientReserves"));
        }

        // buy-collateral-test.ts, it('reverts if reserves are above target reserves') @ d5a30b0a
        @Test
        void buyingCollateralAboveTargetReservesRevertsNotForSale() {
            CometFixture f = options().targetReserves(BigInteger.ZERO).deploy();
            Address alice = USERS.get(0);
            f.allocateTo("USDC", COMET, exp(100, 6));
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(50, 18));
            f.setTotalsCollateral("COMP", exp(50, 18));
            f.setCollateralBalance(COMET, "COMP", exp(50, 18));
            assertThat(f.getReserves()).isEqualTo(exp(100, 6));
            f.approve("USDC", alice, COMET, exp(50, 6));

            assertThat(f.reverts(buy(f, alice, exp(50, 18), exp(50, 6)))).isEqualTo(error("NotForSale"));
        }

        // buy-collateral-test.ts, it('reverts if slippage is too high') @ d5a30b0a
        @Test
        void buyingBelowTheMinimumAmountRevertsTooMuchSlippage() {
            CometFixture f = market(big(100), ONE, ONE);
            Address alice = USERS.get(0);
            f.allocateTo("USDC", alice, exp(100, 6));
            f.allocateTo("COMP", COMET, exp(50, 18));
            f.setTotalsCollateral("COMP", exp(50, 18));
            f.setCollateralBalance(COMET, "COMP", exp(50, 18));
            f.approve("USDC", alice, COMET, exp(50, 6));

            assertThat(f.reverts(buy(f, alice, exp(100, 18), exp(50, 6)))).isEqualTo(error("TooMuchSlippage"));
        }

        // buy-collateral-test.ts, it('reverts if not enough collateral to buy') @ d5a30b0a
        @Test
        void buyingMoreThanTheCollateralReservesRevertsInsufficientReserves() {
            CometFixture f = market(big(100), ONE, ONE);
            Address alice = USERS.get(0);
            f.allocateTo("USDC", alice, exp(200, 6));
            f.allocateTo("COMP", COMET, exp(50, 18));
            f.setTotalsCollateral("COMP", exp(50, 18));
            f.setCollateralBalance(COMET, "COMP", exp(50, 18));
            f.approve("USDC", alice, COMET, exp(200, 6));

            assertThat(f.reverts(buy(f, alice, exp(200, 18), exp(200, 6)))).isEqualTo(error("InsufficientReserves"));
        }

        // buy-collateral-test.ts, it('reverts if buy is paused') @ d5a30b0a
        @Test
        void buyingWhileBuyIsPausedRevertsPaused() {
            CometFixture f = options().targetReserves(BigInteger.ZERO).deploy();
            Address alice = USERS.get(0);
            f.ok(new CometCall.Pause(PAUSE_GUARDIAN, false, false, false, false, true));
            assertThat(CometViews.isBuyPaused(f.state())).isTrue();

            assertThat(f.reverts(new CometCall.BuyCollateral(alice, f.token("COMP"), exp(50, 18), exp(50, 6), alice)))
                    .isEqualTo(error("Paused"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class QuoteCollateralTestTs {

        BigInteger quote(String storeFront, String compPrice, BigInteger liquidationFactor, BigInteger baseAmount) {
            CometFixture f = options()
                    .storeFrontPriceFactor(exp(storeFront, 18))
                    .targetReserves(big(100))
                    .assets(
                            AssetSpec.of("USDC", 6, "1"),
                            AssetSpec.of("COMP", 18, compPrice).liquidationFactor(liquidationFactor))
                    .deploy();
            return f.view((s, b) -> CometViews.quoteCollateral(s, b, f.token("COMP"), baseAmount));
        }

        // quote-collateral-test.ts, it('quotes the collateral correctly for a positive base amount') @ d5a30b0a
        @Test
        void quotesTheCollateralAtTheStorefrontDiscount() {
            // discount 0.5 * (1 - 0.6) = 20%: COMP at 160 $, so 200 USDC buy 1.25 COMP
            assertThat(quote("0.5", "200", exp("0.6", 18), exp(200, 6))).isEqualTo(exp("1.25", 18));
        }

        // quote-collateral-test.ts, it('quotes the collateral correctly for a zero base amount') @ d5a30b0a
        @Test
        void quotesNothingForNothing() {
            assertThat(quote("1", "200", ONE, BigInteger.ZERO)).isZero();
        }

        // quote-collateral-test.ts, it('quotes the collateral at market price when storeFrontPriceFactor is 0%')
        // @ d5a30b0a
        @Test
        void quotesAtTheMarketPriceWithoutAStorefrontFactor() {
            assertThat(quote("0", "200", exp("0.6", 18), exp(200, 6))).isEqualTo(exp(1, 18));
        }

        // quote-collateral-test.ts,
        // it('properly calculates price without truncating integer during intermediate calculations') @ d5a30b0a
        @Test
        void quotesWithoutTruncatingInTheMiddle() {
            // discount 0.5 * (1 - 0.8) = 10%: 810 USDC / (0.9 * 9 $) = 100 COMP
            assertThat(quote("0.5", "9", exp("0.8", 18), exp(810, 6))).isEqualTo(exp(100, 18));
        }

        // quote-collateral-test.ts, it('does not overflow for large amounts') @ d5a30b0a
        @Test
        void quotesAQuadrillionUsdcWithoutOverflow() {
            // discount 0.8 * (1 - 0.75) = 20%: 1e15 USDC / 160 $ = 6.25e12 COMP
            assertThat(quote("0.8", "200", exp("0.75", 18), exp(1_000_000_000_000_000L, 6)))
                    .isEqualTo(exp("6.25", 12 + 18));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class AccrueTestTs {

        // accrue-test.ts, it('fails if baseMinForRewards = 0') @ d5a30b0a
        @Test
        void deployingWithAZeroRewardMinimumRevertsBadMinimum() {
            assertThat(options().baseMinForRewards(BigInteger.ZERO).tryDeploy().getLeft())
                    .isEqualTo(error("BadMinimum"));
        }

        // accrue-test.ts, it('accrue initially succeeds and has the right parameters') @ d5a30b0a
        @Test
        void aFreshMarketStartsAtUnitIndicesAndAccrues() {
            CometFixture f = options()
                    .start(START)
                    .baseMinForRewards(big(12_331))
                    .baseTrackingSpeeds(big(668), big(777))
                    .deploy();
            TotalsBasic t0 = f.state().totalsBasic();
            assertThat(t0.trackingSupplyIndex()).isZero();
            assertThat(t0.trackingBorrowIndex()).isZero();
            assertThat(t0.baseSupplyIndex()).isEqualTo(exp(1, 15));
            assertThat(t0.baseBorrowIndex()).isEqualTo(exp(1, 15));
            assertThat(t0.totalSupplyBase()).isZero();
            assertThat(t0.totalBorrowBase()).isZero();
            assertThat(t0.lastAccrualTime()).isEqualTo(START);

            f.ok(accrue());

            CometImmutables c = f.state().immutables();
            assertThat(c.baseMinForRewards()).isEqualTo(big(12_331));
            assertThat(c.baseTrackingSupplySpeed()).isEqualTo(big(668));
            assertThat(c.baseTrackingBorrowSpeed()).isEqualTo(big(777));
        }

        // accrue-test.ts, it('accrues correctly with no time elapsed') @ d5a30b0a
        @Test
        void aSecondAccrualInTheSameSecondChangesNothing() {
            CometFixture f = options().deploy();
            long now = START + 10;
            f.setNow(now);
            f.setTotalsBasic(t -> new TotalsBasic(
                    exp(2, 15), exp(3, 15), BigInteger.ZERO, BigInteger.ZERO, big(1000), big(1000), 0, 0));
            TotalsBasic t0 = f.state().totalsBasic();

            f.ok(accrue());
            TotalsBasic t1 = f.state().totalsBasic();
            f.ok(accrue());
            TotalsBasic t2 = f.state().totalsBasic();

            assertThat(t0.lastAccrualTime()).isZero();
            assertThat(t0.totalSupplyBase()).isEqualTo(big(1000));
            assertThat(t0.totalBorrowBase()).isEqualTo(big(1000));
            assertThat(t1.lastAccrualTime()).isEqualTo(now);
            assertThat(t2).isEqualTo(t1);
        }

        // accrue-test.ts, it('accrues correctly with time elapsed and less than min rewards') @ d5a30b0a
        @Test
        void accruesInterestButNoRewardsBelowTheRewardMinimum() {
            CometFixture f = options()
                    .start(START)
                    .baseMinForRewards(big(12_000))
                    .trackingIndexScale(exp(1, 15))
                    .deploy();
            f.setTotalsBasic(t -> t.withTotals(big(11_000), big(11_000)));
            TotalsBasic t1 = f.state().totalsBasic();
            BigInteger utilization = f.view((s, b) -> CometViews.getUtilization(s));
            assertThat(utilization).isEqualTo(ONE);

            f.setNextBlockTimestamp(START + 1000);
            f.ok(accrue());

            TotalsBasic t2 = f.state().totalsBasic();
            assertThat(t2.lastAccrualTime() - t1.lastAccrualTime()).isEqualTo(1000);
            // projectBaseIndex(1e15, rate, 1000) at utilization 1 (above the kink):
            // supply rate 13952308472 /s, borrow rate 21721207507 /s
            assertThat(f.<BigInteger>view((s, b) -> CometViews.getSupplyRate(s, utilization)))
                    .isEqualTo(big(13_952_308_472L));
            assertThat(f.<BigInteger>view((s, b) -> CometViews.getBorrowRate(s, utilization)))
                    .isEqualTo(big(21_721_207_507L));
            assertThat(t2.baseSupplyIndex()).isEqualTo(big(1_000_013_952_308_472L));
            assertThat(t2.baseBorrowIndex()).isEqualTo(big(1_000_021_721_207_507L));
            assertThat(t2.trackingSupplyIndex()).isEqualTo(t1.trackingSupplyIndex());
            assertThat(t2.trackingBorrowIndex()).isEqualTo(t1.trackingBorrowIndex());
        }

        // accrue-test.ts, it('accrues correctly with time elapsed and more than min rewards') @ d5a30b0a
        @Test
        void accruesInterestAndRewardsAboveTheRewardMinimum() {
            CometFixture f = options()
                    .start(START)
                    .baseMinForRewards(exp(12_000, 6))
                    .trackingIndexScale(exp(1, 15))
                    .deploy();
            TotalsBasic t0 = f.state().totalsBasic();
            f.setTotalsBasic(t -> t.withTotals(exp(14_000, 6), exp(13_000, 6)));
            BigInteger utilization = f.view((s, b) -> CometViews.getUtilization(s));
            assertThat(utilization).isEqualTo(big(928_571_428_571_428_571L)); // 13/14

            f.setNextBlockTimestamp(START + 1000);
            f.ok(accrue());

            TotalsBasic t2 = f.state().totalsBasic();
            assertThat(f.state().immutables().baseTrackingSupplySpeed()).isEqualTo(exp(1, 15));
            assertThat(f.state().immutables().baseTrackingBorrowSpeed()).isEqualTo(exp(1, 15));
            assertThat(t2.lastAccrualTime() - t0.lastAccrualTime()).isEqualTo(1000);
            // projectBaseIndex(1e15, rate, 1000): supply rate 9422338189 /s, borrow rate 14926252082 /s
            assertThat(t2.baseSupplyIndex()).isEqualTo(big(1_000_009_422_338_189L));
            assertThat(t2.baseBorrowIndex()).isEqualTo(big(1_000_014_926_252_082L));
            // projectTrackingIndex(0, 1e15, 1000, total): 1e15 * 1000 * 1e6 / 14000e6 and / 13000e6
            assertThat(t2.trackingSupplyIndex()).isEqualTo(big(71_428_571_428_571L));
            assertThat(t2.trackingBorrowIndex()).isEqualTo(big(76_923_076_923_076L));
        }

        // accrue-test.ts, it('overflows if baseMinRewards is set too low and accrues no interest') @ d5a30b0a
        @Test
        void aTooLowRewardMinimumOverflowsTheTrackingIndexAndAccruesNothing() {
            CometFixture f = options()
                    .baseMinForRewards(big(12_000))
                    .trackingIndexScale(exp(1, 15))
                    .deploy();
            TotalsBasic t0 = f.state().totalsBasic();
            f.setNextBlockTimestamp(f.now() + 998);
            f.setTotalsBasic(t -> t.withTotals(big(14_000), big(13_000)));
            TotalsBasic t1 = f.state().totalsBasic();
            f.setNextBlockTimestamp(f.now() + 2);

            assertThat(f.reverts(accrue())).isEqualTo(error("InvalidUInt64"));

            TotalsBasic t2 = f.state().totalsBasic();
            assertThat(t2.lastAccrualTime()).isEqualTo(t0.lastAccrualTime());
            assertThat(t2).isEqualTo(t1);
        }

        // accrue-test.ts, it('reverts on overflows') @ d5a30b0a
        @Test
        void anIndexAtTheTopOfUint64PanicsOnAccrual() {
            CometFixture f = options().deploy();
            TotalsBasic t0 = f.state().totalsBasic();
            BigInteger uint64Max = Word.umax(64);

            f.setNextBlockTimestamp(f.now() + 998);
            f.setTotalsBasic(
                    t -> t0.withIndices(uint64Max, t0.baseBorrowIndex()).withTotals(big(14_000), big(13_000)));
            f.setNextBlockTimestamp(f.now() + 2);
            assertThat(f.reverts(accrue())).isEqualTo(EvmRevert.OVERFLOW);

            f.setNextBlockTimestamp(f.now() + 998);
            f.setTotalsBasic(t -> t0.withIndices(t0.baseSupplyIndex(), uint64Max));
            f.setNextBlockTimestamp(f.now() + 2);
            assertThat(f.reverts(accrue())).isEqualTo(EvmRevert.OVERFLOW);
        }

        // accrue-test.ts, it('supports up to the maximum timestamp then breaks') @ d5a30b0a
        @Test
        void accrualBreaksAtTimestampTwoToTheForty() {
            CometFixture f = options().deploy();
            f.setNextBlockTimestamp(f.now() + 100);
            f.ok(accrue());

            f.setNextBlockTimestamp(f.now() + (1L << 40));
            assertThat(f.reverts(accrue())).isEqualTo(error("TimestampTooLarge"));
        }

        // accrue-test.ts, describe('accrueAccount'),
        // it('has no effect when called on an address with no protocol activity') @ d5a30b0a
        @Test
        void accruingAnUnusedAccountLeavesItEmpty() {
            CometFixture f = options().deploy();
            Address unused = USERS.get(0);
            UserBasic before = f.state().userBasic(unused);

            f.ok(new CometCall.AccrueAccount(GOVERNOR, unused));

            assertThat(f.state().userBasic(unused)).isEqualTo(before).isEqualTo(UserBasic.EMPTY);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class InterestRateTestTs {

        static final BigInteger SECONDS_PER_YEAR = big(31_536_000);
        static final BigInteger PRECISION = big(100_000_000); // MINIMUM_PRECISION_WEI = 1e8

        CometFixture market(TotalsBasic totals) {
            CometFixture f = options()
                    .supplyCurve(exp("0.8", 18), exp(0, 18), exp("0.04", 18), exp("0.4", 18))
                    .borrowCurve(exp("0.8", 18), exp("0.01", 18), exp("0.05", 18), exp("0.3", 18))
                    .deploy();
            f.setTotalsBasic(t -> totals);
            return f;
        }

        static TotalsBasic totals(long supplyIndex, long borrowIndex, long supplyBase, long borrowBase) {
            return new TotalsBasic(
                    big(supplyIndex),
                    big(borrowIndex),
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    big(supplyBase),
                    big(borrowBase),
                    0,
                    0);
        }

        void assertAnnualRates(CometFixture f, BigInteger utilization, String supplyPerYear, String borrowPerYear) {
            BigInteger supply = f.view((s, b) -> CometViews.getSupplyRate(s, utilization));
            BigInteger borrow = f.view((s, b) -> CometViews.getBorrowRate(s, utilization));
            assertThat(supply.multiply(SECONDS_PER_YEAR)
                            .subtract(exp(supplyPerYear, 18))
                            .abs())
                    .isLessThanOrEqualTo(PRECISION);
            assertThat(borrow.multiply(SECONDS_PER_YEAR)
                            .subtract(exp(borrowPerYear, 18))
                            .abs())
                    .isLessThanOrEqualTo(PRECISION);
        }

        // interest-rate-test.ts, it('when below kink utilization') @ d5a30b0a
        @Test
        void ratesBelowTheKinkFollowTheLowSlope() {
            CometFixture f = market(totals(2_000_000_000_000_000L, 4_000_000_000_000_000L, 500, 25));
            BigInteger u = f.view((s, b) -> CometViews.getUtilization(s));
            assertThat(u).isEqualTo(exp("0.1", 18));
            assertAnnualRates(f, u, "0.004", "0.015");
        }

        // interest-rate-test.ts, it('when above kink utilization') @ d5a30b0a
        @Test
        void ratesAboveTheKinkAddTheHighSlope() {
            CometFixture f = market(totals(2_000_000_000_000_000L, 3_000_000_000_000_000L, 50, 30));
            BigInteger u = f.view((s, b) -> CometViews.getUtilization(s));
            assertThat(u).isEqualTo(exp("0.9", 18));
            assertAnnualRates(f, u, "0.072", "0.08");
        }

        // interest-rate-test.ts, it('when 0 utilization') @ d5a30b0a
        @Test
        void ratesAtZeroUtilizationAreTheBaseRates() {
            CometFixture f = market(totals(2_000_000_000_000_000L, 3_000_000_000_000_000L, 50, 0));
            BigInteger u = f.view((s, b) -> CometViews.getUtilization(s));
            assertThat(u).isZero();
            assertAnnualRates(f, u, "0", "0.01");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class ReservesTestTs {

        CometFixture market(boolean fund, long supplyIndex, long borrowIndex, long supplyBase, long borrowBase) {
            CometFixture f = options().deploy();
            if (fund) {
                f.allocateTo("USDC", COMET, big(100));
            }
            f.setTotalsBasic(t ->
                    t.withIndices(big(supplyIndex), big(borrowIndex)).withTotals(big(supplyBase), big(borrowBase)));
            return f;
        }

        // reserves-test.ts, it('calculates 0 reserves') @ d5a30b0a
        @Test
        void reservesAreZeroWhenSuppliersOwnTheWholeBalance() {
            assertThat(market(true, 4_000_000_000_000_000L, 3_000_000_000_000_000L, 25, 0)
                            .getReserves())
                    .isZero();
        }

        // reserves-test.ts, it('calculates positive reserves') @ d5a30b0a
        @Test
        void reservesAreTheBalanceLessSupplyPlusBorrows() {
            assertThat(market(true, 2_000_000_000_000_000L, 5_000_000_000_000_000L, 50, 10)
                            .getReserves())
                    .isEqualTo(big(50));
        }

        // reserves-test.ts, it('calculates negative reserves') @ d5a30b0a
        @Test
        void reservesAreNegativeWhenCometHoldsLessThanItOwes() {
            assertThat(market(false, 2_000_000_000_000_000L, 3_000_000_000_000_000L, 50, 0)
                            .getReserves())
                    .isEqualTo(big(-100));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class WithdrawReservesTestTs {

        // withdraw-reserves-test.ts, it('withdraws reserves from the protocol') @ d5a30b0a
        @Test
        void theGovernorWithdrawsReserves() {
            CometFixture f = options().baseTokenBalance(big(1000)).deploy();
            Address alice = USERS.get(0);

            CometReceipt tx = f.ok(new CometCall.WithdrawReserves(GOVERNOR, alice, big(1000)));

            assertThat(f.tokenBalance("USDC", alice)).isEqualTo(big(1000));
            assertThat(f.tokenBalance("USDC", COMET)).isZero();
            assertThat(tx.logs())
                    .containsExactly(
                            transfer(f, "USDC", COMET, alice, big(1000)),
                            cometLog("WithdrawReserves", alice, big(1000)));
        }

        // withdraw-reserves-test.ts, it('reverts if called not by governor') @ d5a30b0a
        @Test
        void anyoneButTheGovernorIsUnauthorized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);
            assertThat(f.reverts(new CometCall.WithdrawReserves(alice, alice, big(10))))
                    .isEqualTo(error("Unauthorized"));
        }

        // withdraw-reserves-test.ts, it('accounts for total supply base when calculating reserves') @ d5a30b0a
        @Test
        void suppliedBaseIsNotReserves() {
            CometFixture f = options().baseTokenBalance(big(200)).deploy();
            f.setTotalsBasic(
                    t -> t.withIndices(exp(2, 15), t.baseBorrowIndex()).withTotals(big(50), t.totalBorrowBase()));
            assertThat(f.getReserves()).isEqualTo(big(100));

            assertThat(f.reverts(new CometCall.WithdrawReserves(GOVERNOR, USERS.get(0), big(101))))
                    .isEqualTo(error("InsufficientReserves"));
        }

        // withdraw-reserves-test.ts, it('reverts if negative reserves') @ d5a30b0a
        @Test
        void nothingCanBeWithdrawnFromNegativeReserves() {
            CometFixture f = options().deploy();
            f.setTotalsBasic(
                    t -> t.withIndices(exp(2, 15), t.baseBorrowIndex()).withTotals(big(50), t.totalBorrowBase()));
            assertThat(f.getReserves()).isEqualTo(big(-100));

            assertThat(f.reverts(new CometCall.WithdrawReserves(GOVERNOR, USERS.get(0), big(100))))
                    .isEqualTo(error("InsufficientReserves"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class SupplyTestTs {

        // supply-test.ts, describe('supplyTo'), it('supplies base from sender if the asset is base') @ d5a30b0a
        @Test
        void supplyingBaseMintsTheSuppliedAmount() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", bob, exp(100, 6));
            TotalsBasic t0 = f.state().totalsBasic();
            f.approve("USDC", bob, COMET, exp(100, 6));

            CometReceipt s0 = f.ok(new CometCall.SupplyTo(bob, alice, f.token("USDC"), exp(100, 6)));

            assertThat(s0.logs())
                    .containsExactly(
                            transfer(f, "USDC", bob, COMET, exp(100, 6)),
                            cometLog("Supply", bob, alice, exp(100, 6)),
                            cometLog("Transfer", Address.ZERO, alice, exp(100, 6)));
            assertThat(f.baseBalanceOf(alice)).isEqualTo(exp(100, 6));
            assertThat(f.tokenBalance("USDC", alice)).isZero();
            assertThat(f.baseBalanceOf(bob)).isZero();
            assertThat(f.tokenBalance("USDC", bob)).isZero();
            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isEqualTo(t0.totalSupplyBase().add(exp(100, 6)));
            assertThat(t1.totalBorrowBase()).isEqualTo(t0.totalBorrowBase());
        }

        // supply-test.ts, describe('supplyTo'),
        // it('supplies max base borrow balance (including accrued) from sender if the asset is base') @ d5a30b0a
        @Test
        void supplyingTheMaximumRepaysTheBorrowWithItsAccruedInterest() {
            CometFixture f = options().deploy(); // lastAccrualTime = START
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", bob, exp(100, 6));
            f.setTotalsBasic(t -> t.withTotals(big(100_000_000), big(50_000_000)));
            f.setBasePrincipal(alice, big(-50_000_000));
            f.setNextBlockTimestamp(f.now() + 86_400); // fastForward(86400); evm_mine
            f.evmMine();
            TotalsBasic t0 = f.state().totalsBasic();
            f.approve("USDC", bob, COMET, exp(100, 6));
            // hardhat's callStatic.borrowBalanceOf runs in the context of the next block, where supplyTo is mined
            long supplyBlock = f.now() + 1;
            BigInteger aliceAccruedBorrowBalance =
                    f.<BigInteger>view((s, b) -> CometViews.borrowBalanceOf(s, b.at(supplyBlock), alice));
            // 86,405 s at utilization 0.5: borrow rate 1744038558 /s, borrow index 1000150693651603
            assertThat(aliceAccruedBorrowBalance).isEqualTo(big(50_007_534)).isNotEqualTo(exp(50, 6));

            CometReceipt s0 = f.ok(new CometCall.SupplyTo(bob, alice, f.token("USDC"), Word.UINT256_MAX));

            assertThat(f.now()).isEqualTo(supplyBlock);
            assertThat(s0.logs())
                    .containsExactly(
                            transfer(f, "USDC", bob, COMET, aliceAccruedBorrowBalance),
                            cometLog("Supply", bob, alice, aliceAccruedBorrowBalance));
            assertThat(f.state().totalsBasic().baseBorrowIndex()).isEqualTo(big(1_000_150_693_651_603L));
            assertThat(f.baseBalanceOf(alice)).isZero();
            assertThat(f.baseBalanceOf(bob)).isZero();
            assertThat(f.tokenBalance("USDC", bob)).isEqualTo(exp(100, 6).subtract(aliceAccruedBorrowBalance));
            assertThat(f.state().totalsBasic().totalSupplyBase()).isEqualTo(t0.totalSupplyBase());
            assertThat(f.state().totalsBasic().totalBorrowBase()).isZero();
        }

        // supply-test.ts, it('supplies 0 and does not revert when dstPrincipalNew < dstPrincipal') @ d5a30b0a
        @Test
        void supplyingZeroWhenRoundingLowersThePrincipalMintsNothing() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(99_999_992_291_226L));
            f.setTotalsBasic(t -> t.withIndices(big(1_000_000_131_467_072L), t.baseBorrowIndex())
                    .withTotals(big(699_999_944_771_920L), t.totalBorrowBase()));

            CometReceipt s0 = f.ok(new CometCall.Supply(alice, f.token("USDC"), BigInteger.ZERO));

            assertThat(s0.logs())
                    .containsExactly(
                            transfer(f, "USDC", alice, COMET, BigInteger.ZERO),
                            cometLog("Supply", alice, alice, BigInteger.ZERO));
        }

        // supply-test.ts, it('user supply is same as total supply') @ d5a30b0a
        @Test
        void aSupplyAtAnIndexAboveOneRoundsThePrincipalDown() {
            CometFixture f = options().deploy();
            Address bob = USERS.get(0);
            f.setTotalsBasic(t ->
                    t.withIndices(exp("1.085", 15), t.baseBorrowIndex()).withTotals(big(100), t.totalBorrowBase()));
            f.allocateTo("USDC", bob, big(10));
            TotalsBasic t0 = f.state().totalsBasic();
            f.approve("USDC", bob, COMET, big(10));

            f.ok(new CometCall.SupplyTo(bob, bob, f.token("USDC"), big(10)));

            assertThat(f.baseBalanceOf(bob)).isEqualTo(big(9));
            assertThat(f.tokenBalance("USDC", bob)).isZero();
            assertThat(f.state().totalsBasic().totalSupplyBase()).isEqualTo(big(109));
            assertThat(f.state().totalsBasic().totalBorrowBase()).isEqualTo(t0.totalBorrowBase());
        }

        // supply-test.ts, describe('supplyTo'), it('calculates base principal correctly') @ d5a30b0a
        @Test
        void aSupplyAtIndexTwoBooksHalfAsPrincipal() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", bob, exp(100, 6));
            f.setTotalsBasic(t -> t.withIndices(exp(2, 15), t.baseBorrowIndex()));
            TotalsBasic totals0 = f.state().totalsBasic();
            UserBasic alice0 = f.state().userBasic(alice);
            f.approve("USDC", bob, COMET, exp(100, 6));

            f.ok(new CometCall.SupplyTo(bob, alice, f.token("USDC"), exp(100, 6)));

            assertThat(f.baseBalanceOf(alice)).isEqualTo(exp(100, 6));
            assertThat(f.tokenBalance("USDC", bob)).isZero();
            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isEqualTo(totals0.totalSupplyBase().add(exp(50, 6)));
            assertThat(t1.totalBorrowBase()).isEqualTo(totals0.totalBorrowBase());
            assertThat(f.state().userBasic(alice).principal())
                    .isEqualTo(alice0.principal().add(exp(50, 6)));
        }

        // supply-test.ts, it('reverts if supplying collateral exceeds the supply cap') @ d5a30b0a
        @Test
        void supplyingCollateralAboveTheCapRevertsSupplyCapExceeded() {
            CometFixture f = options()
                    .assets(AssetSpec.of("COMP", 18, "1").supplyCap(BigInteger.ZERO), AssetSpec.of("USDC", 6, "1"))
                    .deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("COMP", bob, big(800_000_000));
            f.approve("COMP", bob, COMET, big(800_000_000));

            assertThat(f.reverts(new CometCall.SupplyTo(bob, alice, f.token("COMP"), big(800_000_000))))
                    .isEqualTo(error("SupplyCapExceeded"));
        }

        // supply-test.ts, describe('supplyTo'), it('reverts if the asset is neither collateral nor base') @ d5a30b0a
        @Test
        void supplyingAnUnlistedTokenReverts() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.ok(new CometCall.TokenAllocate(bob, USUP, bob, big(1)));
            f.ok(new CometCall.TokenApprove(bob, USUP, COMET, big(1)));

            // the test only expects a revert; Comet pulls the token, then getAssetInfoByAddress finds no such asset
            assertThat(f.reverts(new CometCall.SupplyTo(bob, alice, USUP, big(1))))
                    .isEqualTo(error("BadAsset"));
        }

        // supply-test.ts, describe('supplyTo'), it('reverts if supply is paused') @ d5a30b0a
        @Test
        void supplyingWhileSupplyIsPausedRevertsPaused() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", bob, big(1));
            CometReceipt pause = f.ok(new CometCall.Pause(PAUSE_GUARDIAN, true, false, false, false, false));
            assertThat(CometViews.isSupplyPaused(f.state())).isTrue();
            assertThat(pause.logs()).containsExactly(cometLog("PauseAction", true, false, false, false, false));
            f.approve("USDC", bob, COMET, big(1));

            assertThat(f.reverts(new CometCall.SupplyTo(bob, alice, f.token("USDC"), big(1))))
                    .isEqualTo(error("Paused"));
        }

        // supply-test.ts, it('reverts if supply max for a collateral asset') @ d5a30b0a
        @Test
        void supplyingTheMaximumOfACollateralRevertsInvalidUInt128() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("COMP", bob, big(100_000_000));
            f.ok(new CometCall.TokenApprove(bob, f.token("COMP"), f.token("COMP"), big(100_000_000)));

            assertThat(f.reverts(new CometCall.SupplyTo(bob, alice, f.token("COMP"), Word.UINT256_MAX)))
                    .isEqualTo(error("InvalidUInt128"));
        }

        // supply-test.ts, describe('supplyFrom'),
        // it('reverts if `from` is specified and sender does not have permission') @ d5a30b0a
        @Test
        void supplyingFromAnotherAccountWithoutPermissionRevertsUnauthorized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1), charlie = USERS.get(2);
            f.allocateTo("COMP", bob, big(7));

            assertThat(f.reverts(new CometCall.SupplyFrom(charlie, bob, alice, f.token("COMP"), big(7))))
                    .isEqualTo(error("Unauthorized"));
        }

        // supply-test.ts, describe('supplyFrom'),
        // it('supplies from `from` if specified and sender has permission') @ d5a30b0a
        @Test
        void aManagerSuppliesFromTheOwner() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1), charlie = USERS.get(2);
            f.allocateTo("COMP", bob, big(7));
            f.approve("COMP", bob, COMET, big(7));
            f.ok(new CometCall.Allow(bob, charlie, true));

            f.ok(new CometCall.SupplyFrom(charlie, bob, alice, f.token("COMP"), big(7)));

            assertThat(f.collateralBalanceOf(alice, "COMP")).isEqualTo(big(7));
            assertThat(f.tokenBalance("COMP", alice)).isZero();
            assertThat(f.collateralBalanceOf(bob, "COMP")).isZero();
            assertThat(f.tokenBalance("COMP", bob)).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class WithdrawTestTs {

        // withdraw-test.ts, describe('withdrawTo'), it('withdraws base from sender if the asset is base') @ d5a30b0a
        @Test
        void withdrawingBaseBurnsTheWithdrawnAmount() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", COMET, exp(100, 6));
            f.setTotalsBasic(t -> t.withTotals(exp(100, 6), t.totalBorrowBase()));
            f.setBasePrincipal(bob, exp(100, 6));
            assertThat(f.baseBalanceOf(bob)).isEqualTo(exp(100, 6));

            CometReceipt s0 = f.ok(new CometCall.WithdrawTo(bob, alice, f.token("USDC"), exp(100, 6)));

            assertThat(s0.logs())
                    .containsExactly(
                            transfer(f, "USDC", COMET, alice, exp(100, 6)),
                            cometLog("Withdraw", bob, alice, exp(100, 6)),
                            cometLog("Transfer", bob, Address.ZERO, exp(100, 6)));
            assertThat(f.tokenBalance("USDC", alice)).isEqualTo(exp(100, 6));
            assertThat(f.baseBalanceOf(alice)).isZero();
            assertThat(f.baseBalanceOf(bob)).isZero();
            assertThat(f.tokenBalance("USDC", bob)).isZero();
            assertThat(f.state().totalsBasic().totalSupplyBase()).isZero();
            assertThat(f.state().totalsBasic().totalBorrowBase()).isZero();
        }

        // withdraw-test.ts, it('withdraws 0 but Comet Transfer event amount is 1') @ d5a30b0a
        @Test
        void withdrawingZeroWhenRoundingLowersThePrincipalBurnsOne() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);
            f.setBasePrincipal(alice, big(99_999_992_291_226L));
            f.setTotalsBasic(t -> t.withIndices(big(1_000_000_131_467_072L), t.baseBorrowIndex())
                    .withTotals(big(699_999_944_771_920L), t.totalBorrowBase()));

            CometReceipt s0 = f.ok(new CometCall.Withdraw(alice, f.token("USDC"), BigInteger.ZERO));

            assertThat(s0.logs())
                    .containsExactly(
                            transfer(f, "USDC", COMET, alice, BigInteger.ZERO),
                            cometLog("Withdraw", alice, alice, BigInteger.ZERO),
                            cometLog("Transfer", alice, Address.ZERO, big(1)));
        }

        // withdraw-test.ts, it('reverts if withdrawing base exceeds the total supply') @ d5a30b0a
        @Test
        void withdrawingMoreBaseThanTheTotalSupplyPanics() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", COMET, exp(100, 6));
            f.setBasePrincipal(bob, exp(100, 6));

            // the test only expects a revert: totalSupplyBase (0) - 100e6 is a checked uint104 underflow
            assertThat(f.reverts(new CometCall.WithdrawTo(bob, alice, f.token("USDC"), exp(100, 6))))
                    .isEqualTo(EvmRevert.OVERFLOW);
        }

        // withdraw-test.ts, describe('withdraw'), it('reverts if withdraw amount is less than baseBorrowMin')
        // @ d5a30b0a
        @Test
        void borrowingLessThanTheMinimumRevertsBorrowTooSmall() {
            CometFixture f = options().baseBorrowMin(exp(1, 6)).deploy();
            Address alice = USERS.get(0);

            assertThat(f.reverts(new CometCall.Withdraw(alice, f.token("USDC"), exp("0.5", 6))))
                    .isEqualTo(error("BorrowTooSmall"));
        }

        // withdraw-test.ts, describe('withdraw'), it('reverts if base withdraw amount is not collateralzed')
        // @ d5a30b0a
        @Test
        void borrowingWithoutCollateralRevertsNotCollateralized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);

            assertThat(f.reverts(new CometCall.Withdraw(alice, f.token("USDC"), exp(1, 6))))
                    .isEqualTo(error("NotCollateralized"));
        }

        // withdraw-test.ts, describe('withdraw'), it('reverts if collateral withdraw amount is not collateralized')
        // @ d5a30b0a
        @Test
        void withdrawingTheCollateralOfABorrowRevertsNotCollateralized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);
            f.setTotalsCollateral("WETH", exp(1, 18));
            f.setBasePrincipal(alice, big(-100_000_000));
            f.setCollateralBalance(alice, "WETH", exp(1, 18));

            assertThat(f.reverts(new CometCall.Withdraw(alice, f.token("WETH"), exp(1, 18))))
                    .isEqualTo(error("NotCollateralized"));
        }

        // withdraw-test.ts, it('reverts if withdraw max for a collateral asset') @ d5a30b0a
        @Test
        void withdrawingTheMaximumOfACollateralRevertsInvalidUInt128() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("COMP", bob, big(100_000_000));

            assertThat(f.reverts(new CometCall.WithdrawTo(bob, alice, f.token("COMP"), Word.UINT256_MAX)))
                    .isEqualTo(error("InvalidUInt128"));
        }

        // withdraw-test.ts, it('borrows to withdraw if necessary/possible') @ d5a30b0a
        @Test
        void withdrawingBaseBeyondTheBalanceBorrowsIt() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.allocateTo("USDC", COMET, exp(1, 6));
            f.setCollateralBalance(alice, "WETH", exp(1, 18));
            f.setTotalsBasic(
                    t -> t.withIndices(t.baseSupplyIndex(), t.baseBorrowIndex().multiply(big(2))));

            f.ok(new CometCall.WithdrawTo(alice, bob, f.token("USDC"), exp(1, 6)));

            assertThat(f.baseBalanceOf(alice)).isEqualTo(big(-1_000_000));
            assertThat(f.tokenBalance("USDC", bob)).isEqualTo(big(1_000_000));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class TransferTestTs {

        // transfer-test.ts, it('transfers base from sender if the asset is base') @ d5a30b0a
        @Test
        void transferringBaseBurnsFromTheSenderAndMintsToTheRecipient() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.setBasePrincipal(bob, exp(100, 6));
            TotalsBasic t0 = f.state().totalsBasic();

            CometReceipt s0 = f.ok(new CometCall.TransferAsset(bob, alice, f.token("USDC"), exp(100, 6)));

            assertThat(s0.logs())
                    .containsExactly(
                            cometLog("Transfer", bob, Address.ZERO, exp(100, 6)),
                            cometLog("Transfer", Address.ZERO, alice, exp(100, 6)));
            assertThat(f.baseBalanceOf(alice)).isEqualTo(exp(100, 6));
            assertThat(f.baseBalanceOf(bob)).isZero();
            TotalsBasic t1 = f.state().totalsBasic();
            assertThat(t1.totalSupplyBase()).isEqualTo(t0.totalSupplyBase());
            assertThat(t1.totalBorrowBase()).isEqualTo(t0.totalBorrowBase());
        }

        // transfer-test.ts, it('does not emit Transfer if 0 mint/burn') @ d5a30b0a
        @Test
        void aTransferThatOnlyBorrowsAndRepaysEmitsNothing() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.setCollateralBalance(bob, "WETH", exp(1, 18));
            f.setBasePrincipal(alice, big(-100_000_000));
            f.setTotalsBasic(t -> t.withTotals(big(100_000_000), big(100_000_000)));

            CometReceipt s0 = f.ok(new CometCall.TransferAsset(bob, alice, f.token("USDC"), exp(100, 6)));

            assertThat(s0.logs()).isEmpty();
        }

        // transfer-test.ts, it('borrows base if collateralized') @ d5a30b0a
        @Test
        void transferringBaseBeyondTheBalanceBorrowsItAgainstCollateral() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.setCollateralBalance(alice, "WETH", exp(1, 18));
            f.setTotalsBasic(
                    t -> t.withIndices(t.baseSupplyIndex(), t.baseBorrowIndex().multiply(big(2))));

            f.ok(new CometCall.TransferAsset(alice, bob, f.token("USDC"), exp(100, 6)));

            assertThat(f.baseBalanceOf(alice)).isEqualTo(big(-100_000_000));
        }

        // transfer-test.ts, it('cant borrow less than the minimum') @ d5a30b0a
        @Test
        void borrowingOneWeiLessThanTheMinimumRevertsBorrowTooSmall() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            BigInteger amount = f.state().immutables().baseBorrowMin().subtract(BigInteger.ONE);

            assertThat(f.reverts(new CometCall.TransferAsset(bob, alice, f.token("USDC"), amount)))
                    .isEqualTo(error("BorrowTooSmall"));
        }

        // transfer-test.ts, it('reverts on self-transfer of base token') @ d5a30b0a
        @Test
        void transferringBaseToOneselfRevertsNoSelfTransfer() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0);
            assertThat(f.reverts(new CometCall.TransferAsset(alice, alice, f.token("USDC"), big(100))))
                    .isEqualTo(error("NoSelfTransfer"));
        }

        // transfer-test.ts, it('reverts if transferring base results in an under collateralized borrow') @ d5a30b0a
        @Test
        void transferringBaseWithoutCollateralRevertsNotCollateralized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            assertThat(f.reverts(new CometCall.TransferAsset(alice, bob, f.token("USDC"), exp(100, 6))))
                    .isEqualTo(error("NotCollateralized"));
        }

        // transfer-test.ts, it('reverts if transferring collateral results in an under collateralized borrow')
        // @ d5a30b0a
        @Test
        void transferringAwayTheCollateralOfABorrowRevertsNotCollateralized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1);
            f.setBasePrincipal(alice, big(-100_000_000));
            f.setCollateralBalance(alice, "WETH", exp(1, 18));

            assertThat(f.reverts(new CometCall.TransferAsset(alice, bob, f.token("WETH"), exp(1, 18))))
                    .isEqualTo(error("NotCollateralized"));
        }

        // transfer-test.ts, describe('transferFrom'),
        // it('reverts if src is specified and sender does not have permission') @ d5a30b0a
        @Test
        void transferringFromAnotherAccountWithoutPermissionRevertsUnauthorized() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1), charlie = USERS.get(2);
            f.setCollateralBalance(bob, "COMP", big(7));

            assertThat(f.reverts(new CometCall.TransferAssetFrom(charlie, bob, alice, f.token("COMP"), big(7))))
                    .isEqualTo(error("Unauthorized"));
        }

        // transfer-test.ts, describe('transferFrom'), it('reverts if transfer is paused') @ d5a30b0a
        @Test
        void transferringWhileTransferIsPausedRevertsPaused() {
            CometFixture f = options().deploy();
            Address alice = USERS.get(0), bob = USERS.get(1), charlie = USERS.get(2);
            f.setCollateralBalance(bob, "COMP", big(7));
            f.ok(new CometCall.Pause(PAUSE_GUARDIAN, false, true, false, false, false));
            assertThat(CometViews.isTransferPaused(f.state())).isTrue();
            f.ok(new CometCall.Allow(bob, charlie, true));

            assertThat(f.reverts(new CometCall.TransferAssetFrom(charlie, bob, alice, f.token("COMP"), big(7))))
                    .isEqualTo(error("Paused"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class ConstructorAndPauseTestTs {

        // constructor-test.ts, it('sets the baseBorrowMin') @ d5a30b0a
        @Test
        void theConstructorSetsTheBaseBorrowMinimum() {
            CometFixture f = options().baseBorrowMin(exp(100, 6)).deploy();
            assertThat(f.state().immutables().baseBorrowMin()).isEqualTo(exp(100, 6));
        }

        // constructor-test.ts, it('reverts if baseTokenPriceFeed does not have 8 decimals') @ d5a30b0a
        @Test
        void aBaseFeedWithoutEightDecimalsRevertsBadDecimals() {
            // assets: { USDC: { priceFeedDecimals: 18 } }: makeProtocol deploys that token with 18 decimals
            assertThat(options()
                            .assets(AssetSpec.of("USDC", 18, "1").feedDecimals(18))
                            .tryDeploy()
                            .getLeft())
                    .isEqualTo(error("BadDecimals"));
        }

        // constructor-test.ts, it('reverts if asset has a price feed that does not have 8 decimals') @ d5a30b0a
        @Test
        void aCollateralFeedWithoutEightDecimalsRevertsBadDecimals() {
            assertThat(options()
                            .assets(
                                    AssetSpec.of("USDC", 18, "1"),
                                    AssetSpec.of("COMP", 18, "1.2345").feedDecimals(18))
                            .tryDeploy()
                            .getLeft())
                    .isEqualTo(error("BadDecimals"));
        }

        // constructor-test.ts, it('reverts if base token has fewer than 6 decimals') @ d5a30b0a
        @Test
        void aBaseTokenWithFiveDecimalsRevertsBadDecimals() {
            assertThat(options()
                            .assets(AssetSpec.of("USDC", 5, "1"))
                            .tryDeploy()
                            .getLeft())
                    .isEqualTo(error("BadDecimals"));
        }

        // constructor-test.ts, it('reverts if base token has more than 18 decimals') @ d5a30b0a
        @Test
        void aBaseTokenWithNineteenDecimalsRevertsBadDecimals() {
            assertThat(options()
                            .assets(AssetSpec.of("USDC", 19, "1"))
                            .tryDeploy()
                            .getLeft())
                    .isEqualTo(error("BadDecimals"));
        }

        // constructor-test.ts, it('reverts if initializeStorage is called after initialization') @ d5a30b0a
        @Test
        void initializingStorageTwiceRevertsAlreadyInitialized() {
            CometFixture f = options().deploy();
            assertThat(f.reverts(new CometCall.InitializeStorage(GOVERNOR))).isEqualTo(error("AlreadyInitialized"));
        }

        // pause-guardian-test.ts, it('Should revert if not called by governor or pause guardian') @ d5a30b0a
        @Test
        void pausingByAnyoneButTheGovernorOrGuardianRevertsUnauthorized() {
            CometFixture f = options().deploy();
            assertThat(f.reverts(new CometCall.Pause(USERS.get(0), true, true, true, true, true)))
                    .isEqualTo(error("Unauthorized"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class BalanceTestTs {

        // balance-test.ts, describe('totalBorrow'), it('has correct totalBorrow') @ d5a30b0a
        @Test
        void totalBorrowIsThePrincipalAtTheBorrowIndex() {
            CometFixture f = options().deploy();
            f.setTotalsBasic(
                    t -> t.withIndices(t.baseSupplyIndex(), exp(2, 15)).withTotals(t.totalSupplyBase(), exp(50, 6)));
            assertThat(f.<BigInteger>view(CometViews::totalBorrow)).isEqualTo(exp(100, 6));
        }

        // balance-test.ts, describe('borrowBalanceOf'),
        // it('returns borrow amount (when principal amount is negative)') @ d5a30b0a
        @Test
        void aBorrowBalanceIsThePrincipalAtTheBorrowIndex() {
            CometFixture f = options().deploy();
            Address user = USERS.get(0);
            f.setTotalsBasic(t -> t.withIndices(exp(2, 15), exp(3, 15)));
            f.setBasePrincipal(user, big(-100_000_000));
            assertThat(f.<BigInteger>view((s, b) -> CometViews.borrowBalanceOf(s, b, user)))
                    .isEqualTo(exp(300, 6));
        }
    }
}
