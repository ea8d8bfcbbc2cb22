package dev.solvent.mirror.comet;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The differential campaign's actions before they meet a state: who acts, on which asset, and how much as a share of
 * what the state allows (so that random sequences borrow near the limit, cross the liquidation boundary and absorb,
 * instead of reverting on nonsense amounts). {@link CometCampaign} turns each into a concrete call.
 */
sealed interface CometSteps {

    /** Actors 0-3 trade; actor 4 is the keeper (absorber and buyer). */
    int ACTORS = 5;

    int KEEPER = 4;

    /** Supply of base ({@code asset} -1) or a collateral, sized by {@code size} (a log-scale USD table). */
    record Supply(int actor, int asset, int size) implements CometSteps {}

    /** Borrow base: {@code permille} of the remaining borrow capacity (above 1000 to provoke NotCollateralized). */
    record Borrow(int actor, int permille) implements CometSteps {}

    /** Repay base: {@code permille} of the debt; 1001 means {@code type(uint256).max} ("repay all"). */
    record Repay(int actor, int permille) implements CometSteps {}

    /** Withdraw: {@code permille} of the balance; 1001 means max, 1002 means the balance plus one unit. */
    record Withdraw(int actor, int asset, int permille) implements CometSteps {}

    /** Transfer base or a collateral to another actor. */
    record Transfer(int from, int to, int asset, int permille) implements CometSteps {}

    /**
     * The keeper absorbs the actors in {@code mask} (bit i: actor i), in actor order; when {@code onlyUnderwater}, only
     * those the mirror finds liquidatable (all of the mask if none is, to see the revert).
     */
    record Absorb(int mask, boolean onlyUnderwater) implements CometSteps {}

    /** The keeper buys collateral for base; a tight minimum provokes TooMuchSlippage. */
    record Buy(int asset, int size, boolean tightMinimum) implements CometSteps {}

    /** Moves a feed by {@code bps} basis points (base feed for {@code asset} -1). */
    record Price(int asset, int bps) implements CometSteps {}

    /**
     * Sets a collateral's price to the actor's liquidation boundary plus {@code delta} price units (the first
     * collateral the actor holds when it holds none of {@code asset}).
     */
    record Boundary(int actor, int asset, int delta) implements CometSteps {}

    /**
     * Crashes the first collateral the actor holds to {@code permille} of its liquidation-boundary price: below about
     * 940 the collateral no longer covers the debt at the liquidation factor, and an absorb eats into reserves.
     */
    record Crash(int actor, int permille) implements CometSteps {}

    /** Lets time pass. */
    record Wait(long seconds) implements CometSteps {}

    /** {@code allow(manager, allowed)} by {@code owner}. */
    record Allow(int owner, int manager, boolean allowed) implements CometSteps {}

    /** {@code withdrawFrom(owner, manager, base, ...)} sent by the manager. */
    record Managed(int manager, int owner, int permille) implements CometSteps {}

    /** A token transfer straight to Comet, which changes its reserves. */
    record Donate(int asset, int size) implements CometSteps {}

    /** The governor withdraws {@code permille} of the reserves (above 1000 to provoke InsufficientReserves). */
    record Reserves(int permille) implements CometSteps {}

    /** The pause guardian sets the pause flags. */
    record Pause(int flags) implements CometSteps {}

    /** {@code accrueAccount(actor)}. */
    record Accrue(int actor) implements CometSteps {}

    /** USD sizes (8-decimal price units are applied later): zero, one base unit, then 10 USD to 10 M USD. */
    long[] USD = {0, -1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    /** {@return a sequence: sometimes rich reserves, sometimes a leveraged book to start from, then random steps} */
    static Arbitrary<List<CometSteps>> sequences(int collaterals) {
        Arbitrary<List<CometSteps>> prefix = Arbitraries.of(true, false)
                .flatMap(leveraged -> leveraged ? leveragedBook(collaterals) : Arbitraries.just(List.of()));
        Arbitrary<List<CometSteps>> body = step(collaterals).list().ofMinSize(6).ofMaxSize(30);
        // one sequence in five starts with reserves above target (a large base donation): buys must say NotForSale
        Arbitrary<Boolean> rich = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
        return Combinators.combine(rich, prefix, body).as((richReserves, p, b) -> {
            List<CometSteps> all = new ArrayList<>();
            if (richReserves) {
                all.add(new Donate(-1, USD.length - 1));
            }
            all.addAll(p);
            all.addAll(b);
            return all;
        });
    }

    /** A base supplier, then borrowers near their limits, so that price moves make absorbable accounts. */
    private static Arbitrary<List<CometSteps>> leveragedBook(int collaterals) {
        Arbitrary<CometSteps> borrower = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, collaterals - 1),
                        Arbitraries.integers().between(4, 7))
                .as(Supply::new);
        Arbitrary<List<CometSteps>> crash = Arbitraries.of(true, false)
                .flatMap(crashes -> crashes
                        ? Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(300, 999))
                                .as((actor, permille) ->
                                        List.<CometSteps>of(new Crash(actor, permille), new Absorb(7, true)))
                        : Arbitraries.just(List.<CometSteps>of()));
        return Combinators.combine(
                        borrower.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(900, 1000).list().ofSize(3),
                        crash)
                .as((supplies, permilles, tail) -> {
                    List<CometSteps> steps = new ArrayList<>();
                    steps.add(new Supply(3, -1, 7));
                    for (CometSteps s : supplies) {
                        steps.add(s);
                        int actor = ((Supply) s).actor();
                        steps.add(new Borrow(actor, permilles.get(actor)));
                    }
                    steps.addAll(tail);
                    return steps;
                });
    }

    private static Arbitrary<CometSteps> step(int collaterals) {
        Arbitrary<Integer> actor = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> anyAsset = Arbitraries.integers().between(-1, collaterals - 1);
        Arbitrary<Integer> collateral = Arbitraries.integers().between(0, collaterals - 1);
        Arbitrary<Integer> size = Arbitraries.integers().between(0, USD.length - 1);
        Arbitrary<Integer> permille = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 1000)),
                Tuple.of(1, Arbitraries.of(0, 999, 1000, 1001, 1002, 1100)));
        return Arbitraries.frequencyOf(
                Tuple.of(18, Combinators.combine(actor, anyAsset, size).as(Supply::new)),
                Tuple.of(14, Combinators.combine(actor, permille).as(Borrow::new)),
                Tuple.of(6, Combinators.combine(actor, permille).as(Repay::new)),
                Tuple.of(7, Combinators.combine(actor, anyAsset, permille).as(Withdraw::new)),
                Tuple.of(
                        4, Combinators.combine(actor, actor, anyAsset, permille).as(Transfer::new)),
                Tuple.of(
                        12,
                        Combinators.combine(Arbitraries.integers().between(1, 15), Arbitraries.of(true, true, false))
                                .as(Absorb::new)),
                Tuple.of(
                        8,
                        Combinators.combine(collateral, size, Arbitraries.of(true, false))
                                .as(Buy::new)),
                Tuple.of(12, Combinators.combine(anyAsset, prices()).as(Price::new)),
                Tuple.of(
                        6,
                        Combinators.combine(
                                        actor,
                                        collateral,
                                        Arbitraries.integers().between(-2, 2))
                                .as(Boundary::new)),
                Tuple.of(
                        4,
                        Combinators.combine(actor, Arbitraries.integers().between(300, 1100))
                                .as(Crash::new)),
                Tuple.of(8, waits().map(Wait::new)),
                Tuple.of(
                        2,
                        Combinators.combine(actor, actor, Arbitraries.of(true, false))
                                .as(Allow::new)),
                Tuple.of(2, Combinators.combine(actor, actor, permille).as(Managed::new)),
                Tuple.of(3, Combinators.combine(anyAsset, size).as(Donate::new)),
                Tuple.of(2, permille.map(Reserves::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 31).map(Pause::new)),
                Tuple.of(2, actor.map(Accrue::new)));
    }

    /** Price moves in basis points: crashes and pumps, small drifts, and one-unit nudges. */
    private static Arbitrary<Integer> prices() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(-9_000, -1_000)),
                Tuple.of(4, Arbitraries.integers().between(-500, 500)),
                Tuple.of(2, Arbitraries.integers().between(1_000, 30_000)),
                Tuple.of(1, Arbitraries.of(0, -10_000)));
    }

    /** Idle times from one second to two years. */
    private static Arbitrary<Long> waits() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 3_600)),
                Tuple.of(2, Arbitraries.longs().between(3_600, 30 * 86_400L)),
                Tuple.of(2, Arbitraries.of(30 * 86_400L, 365 * 86_400L, 2 * 365 * 86_400L)));
    }
}
