package dev.solvent.keeper;

/**
 * A keeper bot as a pure function: from what it sees and its own immutable state to the transactions it sends and its
 * next state. It performs no effect itself: the chain model ({@code dev.solvent.keeper.chain.Chain}) or a live dry-run
 * adapter prices, orders, signs and sends what it answers, so the same class runs in both. Randomness, if any, must
 * live in the state (a seed), never in a global generator.
 *
 * <p>A complete bot that liquidates every unhealthy account it finds by a full scan, bidding 2 gwei:
 *
 * {@snippet :
 * record Greedy(long tip) implements Keeper<Integer> {           // state: how many it has sent so far
 *     public Integer start() {
 *         return 0;
 *     }
 *
 *     public KeeperDecision<Integer> decide(KeeperView view, Integer sent) {
 *         Vector<Submission> send = Vector.empty();
 *         for (Account a : view.state().accounts().values()) {
 *             boolean unhealthy = Views.isLiquidatable(view.state(), a.id(), view.context()).getOrElse(false);
 *             if (unhealthy && Strategies.isTarget(view, a.id())) {
 *                 long gas = Strategies.liquidationGas(view.state(), a.id());
 *                 send = send.append(new Submission(new Tx.Liquidate(a.id()), gas, tip));
 *             }
 *         }
 *         return new KeeperDecision<>(send, sent + send.size());
 *     }
 * }
 *
 * Chain chain = Chain.start(ChainParams.MAINNET_LIKE, state, 1, timestamp, 20_000_000_000L)
 *         .withKeeper(AccountId.of("greedy"), new Greedy(2_000_000_000L));
 * chain = chain.step(prices, Vector.empty(), RandomGeneratorFactory.of("L64X128MixRandom").create(42)).chain();
 * KeeperLedger ledger = chain.ledger(AccountId.of("greedy"));
 * }
 *
 * @param <S> the keeper's state type; an immutable value
 */
public interface Keeper<S> {

    /** {@return the state before the first block} */
    S start();

    /** {@return what to send for the block in {@code view}, and the next state} */
    KeeperDecision<S> decide(KeeperView view, S state);
}
