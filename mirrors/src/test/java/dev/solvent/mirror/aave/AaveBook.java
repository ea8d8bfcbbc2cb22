package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AnvilChain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A book of Aave v3 users built through the real Pool on anvil (the test market of aave-v3-origin, v3.3 or v3.7) and,
 * call for call, on the mirror: a liquidity provider in every reserve, then each user mints and approves an asset,
 * supplies it (some a second one too), most borrow 50% to 95% of what they may, every fifth in an eMode category
 * (the category's collateral against its borrowable asset). Every call's outcome and events are compared on the way
 * ({@link AaveCampaign#both}). The oracle module's reader tests read it back.
 */
public final class AaveBook {

    private static final BigInteger MAX = Word.UINT256_MAX;
    private static final long SECONDS_PER_USER = 60;

    private final AaveChain chain;
    private final List<Address> users;
    private AaveState mirror;
    private AaveBlock block;
    private int step;

    private AaveBook(AaveChain chain, List<Address> users, AaveState mirror, AaveBlock block) {
        this.chain = chain;
        this.users = users;
        this.mirror = mirror;
        this.block = block;
    }

    /** {@return a book of {@code count} users on the market of {@code version} loaded into the fresh {@code anvil}} */
    public static AaveBook create(AnvilChain anvil, AaveVersion version, int count, long seed) {
        AaveChain chain =
                AaveChain.load(anvil, version == AaveVersion.V3_3 ? AaveChain.Version.V3_3 : AaveChain.Version.V3_7);
        AaveState mirror = AaveFixture.state(chain);
        AaveBlock block =
                new AaveBlock(chain.deployedAt() + 1, io.vavr.collection.HashMap.ofAll(AaveFixture.answers(chain)));
        AaveBook book = new AaveBook(chain, new ArrayList<>(), mirror, block);
        book.build(count, new SplittableRandom(seed));
        return book;
    }

    private void build(int count, SplittableRandom random) {
        List<AaveState.Reserve> reserves = mirror.reserves().toJavaList();
        List<AaveState.Reserve> collaterals =
                reserves.stream().filter(r -> r.config().ltv() > 0).toList();
        List<AaveState.Reserve> borrowable =
                reserves.stream().filter(r -> r.config().borrowingEnabled()).toList();
        AaveState.EModeCategory eMode = mirror.eModeCategories().get(1).get();
        AaveState.Reserve eModeCollateral =
                reserves.get(eMode.collateralBitmap().getLowestSetBit());
        AaveState.Reserve eModeDebt = reserves.get(eMode.borrowableBitmap().getLowestSetBit());

        Address provider = Address.ofNumber(0xAAB0_FFFFL);
        for (AaveState.Reserve r : reserves) {
            BigInteger amount = usd(r, 50_000_000);
            fund(provider, r, amount);
            run(new AaveCall.Supply(provider, r.asset(), amount, provider, 0));
        }
        for (int i = 0; i < count; i++) {
            Address user = Address.ofNumber(0xAAB0_0000L + i);
            users.add(user);
            block = block.at(block.timestamp() + SECONDS_PER_USER);
            boolean inEMode = i % 5 == 0;
            AaveState.Reserve collateral =
                    inEMode ? eModeCollateral : collaterals.get(random.nextInt(collaterals.size()));
            AaveState.Reserve debt = inEMode ? eModeDebt : borrowable.get(random.nextInt(borrowable.size()));
            if (inEMode) {
                run(new AaveCall.SetUserEMode(user, 1 + (i / 5) % 2));
            }
            BigInteger amount = usd(collateral, 1_000 + random.nextInt(99_000));
            fund(user, collateral, amount);
            run(new AaveCall.Supply(user, collateral.asset(), amount, user, 0));
            if (i % 4 == 1 && !inEMode) {
                AaveState.Reserve second = collaterals.get(random.nextInt(collaterals.size()));
                BigInteger more = usd(second, 500 + random.nextInt(5_000));
                fund(user, second, more);
                run(new AaveCall.Supply(user, second.asset(), more, user, 0));
            }
            if (i % 7 != 3) {
                BigInteger room =
                        AaveViews.userAccountData(mirror, block, user).get().availableBorrowsBase();
                BigInteger capacity = room.multiply(
                                BigInteger.TEN.pow(debt.config().decimals()))
                        .divide(price(debt));
                BigInteger borrow = capacity.multiply(BigInteger.valueOf(500 + random.nextInt(451)))
                        .divide(BigInteger.valueOf(1000));
                if (borrow.signum() > 0) {
                    run(new AaveCall.Borrow(user, debt.asset(), borrow, BigInteger.TWO, 0, user));
                }
            }
        }
    }

    /** {@return {@code usd} dollars of the reserve's asset at the block's price} */
    private BigInteger usd(AaveState.Reserve r, long usd) {
        return BigInteger.valueOf(usd)
                .multiply(BigInteger.TEN.pow(8 + r.config().decimals()))
                .divide(price(r));
    }

    private BigInteger price(AaveState.Reserve r) {
        return block.answers().get(r.asset()).get();
    }

    /** Mints {@code amount} of the reserve's asset to {@code to} and approves the Pool, on both sides. */
    private void fund(Address to, AaveState.Reserve r, BigInteger amount) {
        mint(to, r.asset(), amount);
        run(new AaveCall.TokenApprove(to, r.asset(), chain.pool(), MAX));
    }

    /** Mints {@code amount} of {@code token} to {@code to} on both sides, at the book's time. */
    public void mint(Address to, Address token, BigInteger amount) {
        Erc20 ledger = mirror.tokens().get(token).get();
        Address minter = ledger.kind() == Erc20.Kind.WETH9 ? to : chain.poolAdmin();
        chain.mint(token, to, amount, block.timestamp());
        mirror = Aave.execute(mirror, new AaveCall.TokenMint(minter, token, to, amount), block)
                .getOrElseThrow(e -> new AssertionError("the mirror refused to mint: " + e))
                .state();
    }

    /**
     * Runs {@code call} on the chain and on the mirror at the book's time, and {@return the mirror's outcome} The two
     * must agree on the revert or on every event (else {@link AssertionError}).
     */
    public AaveState run(AaveCall call) {
        mirror = AaveCampaign.both(chain, mirror, call, block, new StringBuilder(), step++);
        return mirror;
    }

    /**
     * Continues from another state (such as one read from the chain): the calls that follow run on it, at
     * {@code block}'s time and prices.
     */
    public void continueFrom(AaveState state, AaveBlock at) {
        mirror = state;
        block = at;
    }

    /** Moves the block's time forward by {@code seconds}. */
    public void advance(int seconds) {
        block = block.at(block.timestamp() + seconds);
    }

    /** Moves an asset's price answer on the chain (its MockAggregator's storage) and in the mirror's block. */
    public void setPrice(Address asset, BigInteger answer) {
        chain.setPrice(asset, answer);
        block = block.withAnswer(asset, answer);
    }

    /** {@return the JSON-RPC URL of the chain} */
    public String url() {
        return chain.chain().url();
    }

    /** {@return the Pool (proxy)} */
    public Address pool() {
        return chain.pool();
    }

    /** {@return the mirror's state after the calls so far} */
    public AaveState mirror() {
        return mirror;
    }

    /** {@return the block the last call ran in: its time and prices} */
    public AaveBlock block() {
        return block;
    }

    /** {@return the users of the book, in the order they came} */
    public List<Address> users() {
        return List.copyOf(users);
    }
}
