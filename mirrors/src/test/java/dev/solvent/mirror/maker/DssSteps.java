package dev.solvent.mirror.maker;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The Maker campaign's actions before they meet a state: vaults opened near their limit, prices that crash, time
 * and fees, barks under tight limits, takes at every size and price, redo, the Cat's bites and the Flipper's bidding
 * wars. {@link DssCampaign} sizes each from the mirror's state.
 */
sealed interface DssSteps {

    /** Actors 0-3 own vaults; actor 4 is the keeper. */
    int ACTORS = 5;

    int KEEPER = 4;

    /** Opens or adds to a vault: {@code size} indexes {@link #INK}, drawn to {@code permille} of the limit. */
    record Open(int actor, int size, int permille) implements DssSteps {}

    /** Draws {@code permille} of the room left (above 1000: past the limit). */
    record Draw(int actor, int permille) implements DssSteps {}

    /** Repays {@code permille} of the vault's debt (1000: all, which the dust rule may refuse). */
    record Repay(int actor, int permille) implements DssSteps {}

    /** Frees {@code permille} of the vault's collateral. */
    record Free(int actor, int permille) implements DssSteps {}

    /** Moves the pip by {@code bps}, then pokes the Spotter. */
    record Price(int bps) implements DssSteps {}

    /** Lets time pass. */
    record Wait(long seconds) implements DssSteps {}

    /** {@code jug.drip}. */
    record Drip() implements DssSteps {}

    /** The keeper barks at an actor's vault. */
    record Bark(int actor) implements DssSteps {}

    /**
     * The keeper takes from the {@code auction}-th active auction: {@code amt} 0 all ({@code uint256} max), 1 half,
     * 2 one wei, 3 zero; {@code max} 0 the price, 1 the price less one (too expensive), 2 {@code uint256} max.
     */
    record Take(int auction, int amt, int max) implements DssSteps {}

    /** The keeper restarts an auction. */
    record Redo(int auction) implements DssSteps {}

    /** {@code clip.upchost()}. */
    record Upchost() implements DssSteps {}

    /** The governance yanks an auction. */
    record Yank(int auction) implements DssSteps {}

    /** The governance sets the Clipper's breaker. */
    record Stopped(int level) implements DssSteps {}

    /**
     * The governance tightens a limit, the ilk's {@code hole} or (when {@code global}) the Dog's {@code Hole}: to
     * {@code permille} of what the actor's vault would need (partial barks), to leave just under {@code dust}
     * unliquidated ({@code permille} 0: the dusty-remainder rule then takes the whole vault), or back to wide (above
     * 1000).
     */
    record Limit(int actor, int permille, boolean global) implements DssSteps {}

    /** The keeper bites an actor's vault (Cat). */
    record Bite(int actor) implements DssSteps {}

    /** A bidder tends on the {@code auction}-th Flipper auction: {@code permille} of the tab (1000: the whole tab). */
    record Tend(int bidder, int auction, int permille) implements DssSteps {}

    /** A bidder dents: {@code permille} of the lot for the full tab. */
    record Dent(int bidder, int auction, int permille) implements DssSteps {}

    /** Settles a Flipper auction. */
    record Deal(int auction) implements DssSteps {}

    /** Restarts a Flipper auction with no bids. */
    record Tick(int auction) implements DssSteps {}

    /** The Vow heals what it can, or flogs the oldest queued debt. */
    record Vow(boolean heal) implements DssSteps {}

    /** Collateral sizes in WAD units. */
    long[] INK = {1, 7, 40, 300, 2_000};

    static Arbitrary<List<DssSteps>> sequences() {
        Arbitrary<List<DssSteps>> book = Combinators.combine(
                        Arbitraries.integers().between(1, INK.length - 1).list().ofSize(3),
                        Arbitraries.integers().between(850, 1000).list().ofSize(3))
                .as((sizes, permilles) -> {
                    List<DssSteps> steps = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        steps.add(new Open(i, sizes.get(i), permilles.get(i)));
                    }
                    return steps;
                });
        Arbitrary<List<DssSteps>> crash =
                Arbitraries.integers().between(-6_000, -500).map(bps -> List.<DssSteps>of(new Price(bps)));
        Arbitrary<List<DssSteps>> body = step().list().ofMinSize(6).ofMaxSize(28);
        return Combinators.combine(Arbitraries.of(true, true, false), book, crash, scripts(), body)
                .as((leveraged, b, c, script, rest) -> {
                    List<DssSteps> all = new ArrayList<>();
                    if (leveraged) {
                        all.addAll(b);
                        all.addAll(c);
                        all.addAll(script);
                    }
                    all.addAll(rest);
                    return all;
                });
    }

    /**
     * Scripted middles that reach the states the gates ask for (random steps follow, and shrinking may drop any of
     * them): a tight {@code hole} then a bark (partial, or the whole vault when the rest would be dusty); a bark,
     * then time past {@code tail} and a redo; a bite, a one-wei tend and a deal after {@code ttl}; a bark and a take
     * of everything.
     */
    private static Arbitrary<List<DssSteps>> scripts() {
        return Arbitraries.oneOf(
                Arbitraries.just(List.of()),
                Arbitraries.integers().between(300, 950).map(p -> List.of(new Limit(0, p, p % 2 == 0), new Bark(0))),
                Arbitraries.just(List.of(new Limit(0, 0, false), new Bark(0))),
                Arbitraries.longs()
                        .between(8_401, 20_000)
                        .map(wait -> List.of(new Bark(0), new Price(-9_950), new Wait(wait), new Redo(0))),
                Arbitraries.longs()
                        .between(8_401, 20_000)
                        .map(wait -> List.of(new Bark(0), new Wait(wait), new Redo(0))),
                Arbitraries.just(List.of(new Bite(0), new Tend(KEEPER, 0, 0), new Wait(21_601), new Deal(0))),
                Arbitraries.just(List.of(new Bark(0), new Take(0, 0, 2))));
    }

    private static Arbitrary<DssSteps> step() {
        Arbitrary<Integer> actor = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> auction = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> permille = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(1, 1000)), Tuple.of(1, Arbitraries.of(0, 1000, 1100)));
        return Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        Combinators.combine(actor, Arbitraries.integers().between(0, INK.length - 1), permille)
                                .as(Open::new)),
                Tuple.of(5, Combinators.combine(actor, permille).as(Draw::new)),
                Tuple.of(4, Combinators.combine(actor, permille).as(Repay::new)),
                Tuple.of(3, Combinators.combine(actor, permille).as(Free::new)),
                Tuple.of(
                        10,
                        Arbitraries.frequencyOf(
                                        Tuple.of(3, Arbitraries.integers().between(-6_000, -300)),
                                        Tuple.of(2, Arbitraries.integers().between(-200, 200)),
                                        Tuple.of(1, Arbitraries.integers().between(300, 5_000)))
                                .map(Price::new)),
                Tuple.of(
                        8,
                        Arbitraries.frequencyOf(
                                        Tuple.of(3, Arbitraries.longs().between(1, 600)),
                                        Tuple.of(2, Arbitraries.longs().between(600, 20_000)),
                                        Tuple.of(1, Arbitraries.of(86_400L, 30 * 86_400L, 365 * 86_400L)))
                                .map(Wait::new)),
                Tuple.of(3, Arbitraries.just(new Drip())),
                Tuple.of(10, actor.map(Bark::new)),
                Tuple.of(
                        12,
                        Combinators.combine(
                                        auction,
                                        Arbitraries.integers().between(0, 3),
                                        Arbitraries.frequencyOf(
                                                Tuple.of(5, Arbitraries.just(0)),
                                                Tuple.of(1, Arbitraries.just(1)),
                                                Tuple.of(2, Arbitraries.just(2))))
                                .as(Take::new)),
                Tuple.of(4, auction.map(Redo::new)),
                Tuple.of(1, Arbitraries.just(new Upchost())),
                Tuple.of(1, auction.map(Yank::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(Stopped::new)),
                Tuple.of(
                        4,
                        Combinators.combine(
                                        actor, Arbitraries.integers().between(100, 1500), Arbitraries.of(true, false))
                                .as(Limit::new)),
                Tuple.of(8, actor.map(Bite::new)),
                Tuple.of(
                        8,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 4),
                                        auction,
                                        Arbitraries.frequencyOf(
                                                Tuple.of(
                                                        2,
                                                        Arbitraries.integers().between(1, 1000)),
                                                Tuple.of(1, Arbitraries.of(0, 1000))))
                                .as(Tend::new)),
                Tuple.of(
                        4,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 4),
                                        auction,
                                        Arbitraries.integers().between(100, 999))
                                .as(Dent::new)),
                Tuple.of(4, auction.map(Deal::new)),
                Tuple.of(2, auction.map(Tick::new)),
                Tuple.of(2, Arbitraries.of(true, false).map(Vow::new)));
    }
}
