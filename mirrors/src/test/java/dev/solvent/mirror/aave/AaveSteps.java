package dev.solvent.mirror.aave;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The Aave campaign's actions before they meet a state: who acts, on which reserve, and how much as a share of what
 * the state allows, so that random sequences borrow near the limit, cross health factors 1 and 0.95, liquidate with
 * both close factors, leave dust and bad debt, instead of reverting on nonsense amounts. {@link AaveCampaign} turns
 * each into a concrete call. Reserves are named by id (0 to {@code reserves - 1}).
 */
sealed interface AaveSteps {

    /** Actors 0-3 supply and borrow; actor 4 is the keeper (liquidator and liquidity provider). */
    int ACTORS = 5;

    int KEEPER = 4;

    /** Supply sized by {@code size} (a USD table), on behalf of the actor itself or of {@code onBehalfOf}. */
    record Supply(int actor, int asset, int size, int onBehalfOf) implements AaveSteps {}

    /** Withdraw {@code permille} of the aToken balance; 1001 is {@code type(uint256).max}, 1002 the balance + 1. */
    record Withdraw(int actor, int asset, int permille) implements AaveSteps {}

    /** Borrow {@code permille} of what the account may still borrow in that asset (above 1000 to be refused). */
    record Borrow(int actor, int asset, int permille) implements AaveSteps {}

    /** Repay {@code permille} of the debt (1001: max), with the underlying or with aTokens. */
    record Repay(int actor, int asset, int permille, boolean withATokens) implements AaveSteps {}

    /** {@code setUserUseReserveAsCollateral}. */
    record Collateral(int actor, int asset, boolean use) implements AaveSteps {}

    /** {@code setUserEMode(category)}: 0 leaves, 1 and 2 exist, 3 does not. */
    record EMode(int actor, int category) implements AaveSteps {}

    /**
     * A liquidation of {@code borrower} by the keeper (or by the borrower itself when {@code self}): {@code permille}
     * of the debt in that reserve (1001: max), collateral taken as aTokens or underlying. The collateral and debt
     * reserves are the borrower's own when it has them, else those named.
     */
    record Liquidate(int borrower, int collateral, int debt, int permille, boolean receiveAToken, boolean self)
            implements AaveSteps {}

    /** Moves a reserve's price by {@code bps} basis points. */
    record Price(int asset, int bps) implements AaveSteps {}

    /**
     * Sets the price of the borrower's largest collateral so that its health factor lands just at a target: per mille
     * of 1.0 ({@code 1000} is the liquidation threshold, {@code 950} the 100% close factor threshold), then nudged by
     * {@code delta} price units.
     */
    record Boundary(int actor, int targetPermille, int delta) implements AaveSteps {}

    /** Crashes the borrower's largest collateral to {@code permille} of its HF-1 price (below ~950: bad debt). */
    record Crash(int actor, int permille) implements AaveSteps {}

    /** Lets time pass. */
    record Wait(long seconds) implements AaveSteps {}

    /** {@code AToken.transfer} of {@code permille} of the sender's balance. */
    record ATokenTransfer(int from, int to, int asset, int permille) implements AaveSteps {}

    /** An underlying transfer straight to the aToken (a donation the virtual balance ignores). */
    record Donate(int asset, int size) implements AaveSteps {}

    /** {@code eliminateReserveDeficit} by an actor: only the (unset) Umbrella may, so it reverts. */
    record Eliminate(int actor, int asset) implements AaveSteps {}

    /** USD sizes (8-decimal prices applied later): zero, one unit, then 10 USD to 1 M USD, dense around 1,000-2,000. */
    long[] USD = {0, -1, 10, 100, 500, 990, 1_010, 1_500, 1_990, 2_010, 3_000, 10_000, 100_000, 1_000_000};

    /**
     * {@return a sequence: a leveraged book most of the time, then random steps}
     *
     * @param reserves how many reserves the market lists
     * @param usdx the id of the reserve that is eMode collateral (the first with a non-zero LTV)
     * @param wbtc the id of the reserve borrowable in eMode
     */
    static Arbitrary<List<AaveSteps>> sequences(int reserves, int usdx, int wbtc) {
        Arbitrary<List<AaveSteps>> prefix = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false))
                .flatMap(leveraged -> leveraged ? leveragedBook(reserves, usdx, wbtc) : Arbitraries.just(List.of()));
        Arbitrary<List<AaveSteps>> body = step(reserves).list().ofMinSize(4).ofMaxSize(20);
        return Combinators.combine(prefix, body).as((p, b) -> {
            List<AaveSteps> all = new ArrayList<>(p);
            all.addAll(b);
            return all;
        });
    }

    /**
     * The keeper provides liquidity in every reserve; one to three borrowers post collateral (a reserve with an LTV)
     * and borrow near their limit, those in eMode the eMode pair; then mostly a move to a health-factor boundary
     * (between 0.95 and 1 for the 50% close factor, below 0.95 for 100%) or a crash, and a liquidation.
     */
    private static Arbitrary<List<AaveSteps>> leveragedBook(int reserves, int usdx, int wbtc) {
        Arbitrary<List<Integer>> collateral =
                Arbitraries.integers().between(usdx, reserves - 1).list().ofSize(3);
        Arbitrary<List<Integer>> debt =
                Arbitraries.integers().between(0, reserves - 1).list().ofSize(3);
        Arbitrary<List<Integer>> sizes = Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.integers().between(9, USD.length - 1)),
                        Tuple.of(1, Arbitraries.integers().between(4, 8)))
                .list()
                .ofSize(3);
        Arbitrary<List<Integer>> permilles =
                Arbitraries.integers().between(900, 1000).list().ofSize(3);
        Arbitrary<List<Integer>> eModes = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(1, 2))
                .list()
                .ofSize(3);
        Arbitrary<Integer> borrowers = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> cover = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1001)),
                Tuple.of(2, Arbitraries.integers().between(400, 1000)),
                Tuple.of(1, Arbitraries.integers().between(1, 400)));
        Arbitrary<List<AaveSteps>> tail = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<AaveSteps>of())),
                Tuple.of(
                        5,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.of(900, 940, 949, 951, 960, 975, 990, 999, 1000),
                                        Arbitraries.integers().between(-1, 1),
                                        cover,
                                        Arbitraries.of(true, false))
                                .as((b, target, delta, permille, aTokens) -> List.<AaveSteps>of(
                                        new Boundary(b, target, delta),
                                        new Liquidate(b, 0, 0, permille, aTokens, false)))),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(300, 990),
                                        Arbitraries.of(true, false))
                                .as((b, permille, aTokens) -> List.<AaveSteps>of(
                                        new Crash(b, permille), new Liquidate(b, 0, 0, 1001, aTokens, false)))));
        return Combinators.combine(collateral, debt, sizes, permilles, eModes, borrowers, tail)
                .as((c, d, size, permille, eMode, count, t) -> {
                    List<AaveSteps> steps = new ArrayList<>();
                    for (int r = 0; r < reserves; r++) {
                        steps.add(new Supply(KEEPER, r, USD.length - 1, -1));
                    }
                    for (int b = 0; b < count; b++) {
                        boolean inEMode = eMode.get(b) != 0;
                        if (inEMode) {
                            steps.add(new EMode(b, eMode.get(b)));
                        }
                        steps.add(new Supply(b, inEMode ? usdx : c.get(b), size.get(b), -1));
                        steps.add(new Borrow(b, inEMode ? wbtc : d.get(b), permille.get(b)));
                    }
                    steps.addAll(t);
                    return steps;
                });
    }

    private static Arbitrary<AaveSteps> step(int reserves) {
        Arbitrary<Integer> actor = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> anyActor = Arbitraries.integers().between(0, ACTORS - 1);
        Arbitrary<Integer> asset = Arbitraries.integers().between(0, reserves - 1);
        Arbitrary<Integer> size = Arbitraries.integers().between(0, USD.length - 1);
        Arbitrary<Integer> onBehalf = Arbitraries.frequency(Tuple.of(6, -1), Tuple.of(1, 0), Tuple.of(1, 1));
        Arbitrary<Integer> permille = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 1000)),
                Tuple.of(1, Arbitraries.of(0, 999, 1000, 1001, 1002, 1100)));
        return Arbitraries.frequencyOf(
                Tuple.of(16, Combinators.combine(actor, asset, size, onBehalf).as(Supply::new)),
                Tuple.of(7, Combinators.combine(anyActor, asset, permille).as(Withdraw::new)),
                Tuple.of(14, Combinators.combine(actor, asset, permille).as(Borrow::new)),
                Tuple.of(
                        7,
                        Combinators.combine(actor, asset, permille, Arbitraries.of(true, false))
                                .as(Repay::new)),
                Tuple.of(
                        4,
                        Combinators.combine(actor, asset, Arbitraries.of(true, false))
                                .as(Collateral::new)),
                Tuple.of(
                        3,
                        Combinators.combine(actor, Arbitraries.of(0, 0, 1, 2, 3))
                                .as(EMode::new)),
                Tuple.of(
                        12,
                        Combinators.combine(
                                        actor,
                                        asset,
                                        asset,
                                        permille,
                                        Arbitraries.of(true, false),
                                        Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)))
                                .as(Liquidate::new)),
                Tuple.of(10, Combinators.combine(asset, prices()).as(Price::new)),
                Tuple.of(
                        7,
                        Combinators.combine(
                                        actor,
                                        Arbitraries.of(940, 949, 950, 951, 990, 999, 1000, 1001, 1010),
                                        Arbitraries.integers().between(-2, 2))
                                .as(Boundary::new)),
                Tuple.of(
                        3,
                        Combinators.combine(actor, Arbitraries.integers().between(300, 1000))
                                .as(Crash::new)),
                Tuple.of(7, waits().map(Wait::new)),
                Tuple.of(
                        3,
                        Combinators.combine(anyActor, anyActor, asset, permille).as(ATokenTransfer::new)),
                Tuple.of(1, Combinators.combine(asset, size).as(Donate::new)),
                Tuple.of(1, Combinators.combine(actor, asset).as(Eliminate::new)));
    }

    /** Price moves in basis points: crashes and pumps, small drifts. */
    private static Arbitrary<Integer> prices() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-6_000, -500)),
                Tuple.of(4, Arbitraries.integers().between(-300, 300)),
                Tuple.of(2, Arbitraries.integers().between(500, 20_000)));
    }

    /** Idle times from one second to two years. */
    private static Arbitrary<Long> waits() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 3_600)),
                Tuple.of(2, Arbitraries.longs().between(3_600, 30 * 86_400L)),
                Tuple.of(2, Arbitraries.of(30 * 86_400L, 365 * 86_400L, 2 * 365 * 86_400L)));
    }
}
