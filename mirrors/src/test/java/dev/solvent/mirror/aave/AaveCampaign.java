package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AbiCodec;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs one sequence of {@link AaveSteps} on the mirror and on Aave's bytecode on anvil, side by side: each step
 * becomes one concrete call (sized from the mirror's state), both must succeed or revert with the same reason, and
 * then every view of {@link Market#views} must read the same on both sides. The first difference stops the run with a
 * readable trace.
 *
 * <p>Compared: reverts (decoded: v3.3's numeric strings, v3.7's custom errors, panics, empty reverts), every event
 * in order with its values (the Pool's, the aTokens', the debt tokens' and the underlying tokens'), and, after every
 * step, the Pool's account data, reserve data, normalized indexes, deficits, virtual balances, configurations
 * and eMode of every actor, and every token balance, scaled balance and last index of every actor and treasury. Not
 * compared: return values.
 */
final class AaveCampaign {

    /** Wall time spent executing the same calls on each side (the chain's includes its JSON-RPC round trips). */
    static final AtomicLong MIRROR_NANOS = new AtomicLong();

    static final AtomicLong CHAIN_NANOS = new AtomicLong();
    static final AtomicLong TIMED_CALLS = new AtomicLong();

    private static final BigInteger MAX = Word.UINT256_MAX;
    private static final BigInteger E15 = BigInteger.TEN.pow(15);
    private static final long BLOCK_SECONDS = 12;

    /** A market loaded on both sides, funded, ready for sequences. */
    static final class Market {
        final AaveChain chain;
        final List<Address> actors;
        final List<Address> assets;
        final AaveState mirror;
        final Map<Address, BigInteger> answers;
        final long start;
        final List<AaveChain.ViewCall> views;

        Market(AaveChain chain, List<Address> actors, AaveState mirror, Map<Address, BigInteger> answers, long start) {
            this.chain = chain;
            this.actors = actors;
            this.assets = mirror.reserves().map(AaveState.Reserve::asset).toJavaList();
            this.mirror = mirror;
            this.answers = answers;
            this.start = start;
            this.views = views(chain, mirror, actors);
        }

        String name() {
            return "Aave " + chain.version().folder();
        }
    }

    /** What a run reached, for the coverage gates and the closing figures. */
    record Outcome(
            int actions,
            int reverts,
            int liquidations,
            boolean closeFactorHalf,
            boolean closeFactorFull,
            boolean receiveATokens,
            boolean receiveUnderlying,
            boolean dustRevert,
            boolean deficitCreated,
            boolean eModeLiquidation,
            boolean longIdle) {}

    private AaveCampaign() {}

    /**
     * Loads the mirror's copy of the chain's market, checks every view against the chain, then gives every actor
     * tokens and approves the Pool for them (on both sides, compared), and returns the market ready for {@link #run}.
     */
    static Market deploy(AaveChain chain) {
        AaveState mirror = AaveFixture.state(chain);
        Map<Address, BigInteger> answers = AaveFixture.answers(chain);
        List<Address> actors = new ArrayList<>();
        for (int i = 0; i < AaveSteps.ACTORS; i++) {
            actors.add(Address.ofNumber(0xAA5E000L + i));
        }
        long time = chain.deployedAt() + 1;
        AaveBlock block = new AaveBlock(time, io.vavr.collection.HashMap.ofAll(answers));
        StringBuilder trace = new StringBuilder();
        Address owner = chain.poolAdmin();
        for (Address actor : actors) {
            for (AaveState.Reserve r : mirror.reserves()) {
                Erc20 token = mirror.tokens().get(r.asset()).get();
                BigInteger lots = BigInteger.TEN.pow(14 + token.decimals());
                Address minter = token.kind() == Erc20.Kind.WETH9 ? actor : owner;
                chain.mint(r.asset(), actor, lots, time);
                mirror = Aave.execute(mirror, new AaveCall.TokenMint(minter, r.asset(), actor, lots), block)
                        .getOrElseThrow(e -> new AssertionError("the mirror refused to mint: " + e))
                        .state();
                mirror = both(
                        chain, mirror, new AaveCall.TokenApprove(actor, r.asset(), chain.pool(), MAX), block, trace, 0);
            }
        }
        Market m = new Market(chain, List.copyOf(actors), mirror, Map.copyOf(answers), time + 1);
        compareViews(m, mirror, block, trace, -1);
        return m;
    }

    /** Runs one call on both sides, compares the outcomes, and returns the mirror's next state. */
    static AaveState both(
            AaveChain chain, AaveState mirror, AaveCall call, AaveBlock block, StringBuilder trace, int step) {
        long t0 = System.nanoTime();
        Either<EvmRevert, AaveReceipt> mine = Aave.execute(mirror, call, block);
        long t1 = System.nanoTime();
        Either<EvmRevert, List<Log>> real = send(chain, call, block.timestamp());
        long t2 = System.nanoTime();
        MIRROR_NANOS.addAndGet(t1 - t0);
        CHAIN_NANOS.addAndGet(t2 - t1);
        TIMED_CALLS.incrementAndGet();
        Either<EvmRevert, List<Log>> mineLogs = mine.map(AaveReceipt::logs);
        boolean same = mineLogs.equals(real);
        String mineText =
                same ? mineLogs.fold(e -> "revert " + e, logs -> "ok, " + logs.size() + " events") : show(mineLogs);
        trace.append(String.format("  #%d t=%d %s%n      mirror: %s%n", step, block.timestamp(), call, mineText));
        if (!same) {
            trace.append("      chain:  ").append(show(real)).append('\n');
            throw new AssertionError(
                    "the mirror and Aave's bytecode differ on the outcome of step " + step + ":\n" + trace);
        }
        return mine.map(AaveReceipt::state).getOrElse(mirror);
    }

    private static String show(Either<EvmRevert, List<Log>> r) {
        return r.fold(e -> "revert " + e, logs -> "ok " + logs);
    }

    /** Sends a call to the real market. */
    static Either<EvmRevert, List<Log>> send(AaveChain chain, AaveCall call, long timestamp) {
        Address pool = chain.pool();
        return switch (call) {
            case AaveCall.Supply c ->
                chain.send(c.sender(), pool, AaveChain.supply(c.asset(), c.amount(), c.onBehalfOf()), timestamp);
            case AaveCall.Withdraw c ->
                chain.send(c.sender(), pool, AaveChain.withdraw(c.asset(), c.amount(), c.to()), timestamp);
            case AaveCall.Borrow c ->
                chain.send(
                        c.sender(),
                        pool,
                        AbiCodec.encodeCall(
                                "borrow(address,uint256,uint256,uint16,address)",
                                c.asset(),
                                c.amount(),
                                c.interestRateMode(),
                                c.referralCode(),
                                c.onBehalfOf()),
                        timestamp);
            case AaveCall.Repay c ->
                chain.send(
                        c.sender(),
                        pool,
                        AbiCodec.encodeCall(
                                "repay(address,uint256,uint256,address)",
                                c.asset(),
                                c.amount(),
                                c.interestRateMode(),
                                c.onBehalfOf()),
                        timestamp);
            case AaveCall.RepayWithATokens c ->
                chain.send(
                        c.sender(),
                        pool,
                        AbiCodec.encodeCall(
                                "repayWithATokens(address,uint256,uint256)",
                                c.asset(),
                                c.amount(),
                                c.interestRateMode()),
                        timestamp);
            case AaveCall.SetUserUseReserveAsCollateral c ->
                chain.send(
                        c.sender(),
                        pool,
                        AaveChain.setUserUseReserveAsCollateral(c.asset(), c.useAsCollateral()),
                        timestamp);
            case AaveCall.SetUserEMode c ->
                chain.send(c.sender(), pool, AaveChain.setUserEMode(c.categoryId()), timestamp);
            case AaveCall.LiquidationCall c ->
                chain.send(
                        c.sender(),
                        pool,
                        AaveChain.liquidationCall(
                                c.collateralAsset(), c.debtAsset(), c.user(), c.debtToCover(), c.receiveAToken()),
                        timestamp);
            case AaveCall.EliminateReserveDeficit c ->
                chain.send(
                        c.sender(),
                        pool,
                        AbiCodec.encodeCall("eliminateReserveDeficit(address,uint256)", c.asset(), c.amount()),
                        timestamp);
            case AaveCall.TokenApprove c ->
                chain.send(c.sender(), c.token(), AaveChain.approve(c.spender(), c.amount()), timestamp);
            case AaveCall.TokenTransfer c ->
                chain.send(c.sender(), c.token(), AaveChain.transfer(c.to(), c.amount()), timestamp);
            case AaveCall.ATokenTransfer c ->
                chain.send(
                        c.sender(),
                        chain.reserve(c.asset()).aToken(),
                        AaveChain.transfer(c.to(), c.amount()),
                        timestamp);
            case AaveCall.TokenMint c ->
                throw new IllegalArgumentException("mints go through AaveChain.mint, not as a compared call");
        };
    }

    /** The views compared after every step. */
    static List<AaveChain.ViewCall> views(AaveChain chain, AaveState s, List<Address> actors) {
        List<AaveChain.ViewCall> v = new ArrayList<>();
        List<Address> holders = new ArrayList<>(actors);
        for (AaveState.Reserve r : s.reserves()) {
            if (!holders.contains(r.treasury())) {
                holders.add(r.treasury());
            }
        }
        for (AaveState.Reserve r : s.reserves()) {
            Address asset = r.asset();
            v.add(chain.reserveData(asset));
            v.add(chain.normalizedIncome(asset));
            v.add(chain.normalizedVariableDebt(asset));
            v.add(chain.reserveDeficit(asset));
            v.add(chain.virtualUnderlyingBalance(asset));
            v.add(chain.assetPrice(asset));
            v.add(AaveChain.totalSupply(r.aToken()));
            v.add(AaveChain.scaledTotalSupply(r.aToken()));
            v.add(AaveChain.totalSupply(r.variableDebtToken()));
            v.add(AaveChain.scaledTotalSupply(r.variableDebtToken()));
            v.add(AaveChain.balanceOf(asset, r.aToken()));
            v.add(AaveChain.totalSupply(asset));
        }
        for (Address a : holders) {
            v.add(chain.userAccountData(a));
            v.add(chain.userConfiguration(a));
            v.add(chain.userEMode(a));
            for (AaveState.Reserve r : s.reserves()) {
                v.add(AaveChain.balanceOf(r.aToken(), a));
                v.add(AaveChain.scaledBalanceOf(r.aToken(), a));
                v.add(previousIndex(r.aToken(), a));
                v.add(AaveChain.balanceOf(r.variableDebtToken(), a));
                v.add(AaveChain.scaledBalanceOf(r.variableDebtToken(), a));
                v.add(previousIndex(r.variableDebtToken(), a));
                v.add(AaveChain.balanceOf(r.asset(), a));
            }
        }
        return List.copyOf(v);
    }

    private static AaveChain.ViewCall previousIndex(Address token, Address holder) {
        return new AaveChain.ViewCall(
                "getPreviousIndex(" + token + "," + holder + ")",
                token,
                "getPreviousIndex(address)",
                List.of(holder),
                List.of("uint256"));
    }

    /** {@return each view's result on the mirror, rendered as {@link AaveChain#read} renders the chain's} */
    static List<String> mirrorViews(AaveState s, AaveBlock block, List<AaveChain.ViewCall> views) {
        List<String> out = new ArrayList<>(views.size());
        for (AaveChain.ViewCall v : views) {
            out.add(AaveViews.call(s, block, v.target(), v.signature(), v.args())
                    .fold(
                            AbiCodec::renderRevert,
                            values -> values.stream().map(AaveCampaign::text).collect(Collectors.joining(","))));
        }
        return out;
    }

    private static String text(Object o) {
        return switch (o) {
            case Address a -> a.hex();
            default -> o.toString();
        };
    }

    private static void compareViews(Market m, AaveState s, AaveBlock block, StringBuilder trace, int step) {
        List<String> mine = mirrorViews(s, block, m.views);
        List<String> real = m.chain.read(m.views, block.timestamp());
        for (int k = 0; k < mine.size(); k++) {
            if (!mine.get(k).equals(real.get(k))) {
                throw new AssertionError("the mirror and Aave's bytecode differ after step " + step + " at t="
                        + block.timestamp() + " on " + m.views.get(k).key() + ":\n  mirror " + mine.get(k)
                        + "\n  chain  " + real.get(k) + "\n" + trace);
            }
        }
    }

    /** Runs {@code steps} from the market's funded state; an {@link AssertionError} carries the trace of a difference. */
    static Outcome run(Market m, List<AaveSteps> steps) {
        AaveState s = m.mirror;
        Map<Address, BigInteger> answers = new LinkedHashMap<>(m.answers);
        long time = m.start;
        StringBuilder trace = new StringBuilder();
        int actions = 0;
        int reverts = 0;
        int liquidations = 0;
        boolean half = false;
        boolean full = false;
        boolean aTokens = false;
        boolean underlying = false;
        boolean dust = false;
        boolean deficit = false;
        boolean eMode = false;
        boolean longIdle = false;
        for (int i = 0; i < steps.size(); i++) {
            AaveSteps step = steps.get(i);
            if (step instanceof AaveSteps.Wait w) {
                time += w.seconds();
                longIdle |= w.seconds() >= 30 * 86_400L;
                trace.append(String.format("  #%d wait %d s%n", i, w.seconds()));
                continue;
            }
            time += BLOCK_SECONDS;
            AaveBlock block = new AaveBlock(time, io.vavr.collection.HashMap.ofAll(answers));
            Op op = resolve(m, s, block, step);
            if (op instanceof Op.SetPrice p) {
                answers.put(p.asset(), p.answer());
                m.chain.setPrice(p.asset(), p.answer());
                trace.append(String.format("  #%d t=%d price %s := %s%n", i, time, p.asset(), p.answer()));
            } else if (op instanceof Op.Call c) {
                AaveState before = s;
                Either<EvmRevert, AaveReceipt> mine = Aave.execute(s, c.call(), block);
                s = both(m.chain, s, c.call(), block, trace, i);
                actions++;
                if (mine.isLeft()) {
                    reverts++;
                    dust |= c.call() instanceof AaveCall.LiquidationCall
                            && (mine.getLeft().equals(new EvmRevert.ErrorString("103"))
                                    || mine.getLeft().equals(new EvmRevert.CustomError("MustNotLeaveDust")));
                } else if (c.call() instanceof AaveCall.LiquidationCall l) {
                    liquidations++;
                    aTokens |= l.receiveAToken();
                    underlying |= !l.receiveAToken();
                    eMode |= before.userEModeOf(l.user()) != 0;
                    if (closeFactorHalf(before, block, l)) {
                        half = true;
                    } else {
                        full = true;
                    }
                    for (int r = 0; r < s.reserves().size(); r++) {
                        deficit |= s.reserves()
                                        .get(r)
                                        .deficit()
                                        .compareTo(before.reserves().get(r).deficit())
                                > 0;
                    }
                }
            }
            compareViews(m, s, new AaveBlock(time, io.vavr.collection.HashMap.ofAll(answers)), trace, i);
        }
        return new Outcome(
                actions, reverts, liquidations, half, full, aTokens, underlying, dust, deficit, eMode, longIdle);
    }

    /**
     * Whether a liquidation that went through was capped at half the debt: health factor above 0.95 and both the
     * collateral and the debt reserve worth at least 2,000 USD ({@code LiquidationLogic}'s conditions).
     */
    private static boolean closeFactorHalf(AaveState s, AaveBlock block, AaveCall.LiquidationCall l) {
        AaveViews.UserAccountData d =
                AaveViews.userAccountData(s, block, l.user()).getOrNull();
        if (d == null || d.healthFactor().compareTo(BigInteger.valueOf(950).multiply(E15)) <= 0) {
            return false;
        }
        BigInteger threshold = BigInteger.valueOf(2_000_00000000L);
        return baseValue(s, block, l.collateralAsset(), l.user(), true).compareTo(threshold) >= 0
                && baseValue(s, block, l.debtAsset(), l.user(), false).compareTo(threshold) >= 0;
    }

    private static BigInteger baseValue(AaveState s, AaveBlock block, Address asset, Address user, boolean collateral) {
        AaveState.Reserve r = s.reserve(asset).get();
        BigInteger amount = value(s, block, collateral ? r.aToken() : r.variableDebtToken(), user);
        BigInteger price = block.answers().get(asset).getOrElse(BigInteger.ZERO);
        return amount.multiply(price).divide(BigInteger.TEN.pow(r.config().decimals()));
    }

    /** {@code balanceOf(user)} of a token of the state, 0 if the view reverts. */
    private static BigInteger value(AaveState s, AaveBlock block, Address token, Address user) {
        return AaveViews.call(s, block, token, "balanceOf(address)", List.of(user))
                .map(v -> (BigInteger) v.get(0))
                .getOrElse(BigInteger.ZERO);
    }

    /** A step made concrete: a call for both sides, or a new price. */
    sealed interface Op {
        record Call(AaveCall call) implements Op {}

        record SetPrice(Address asset, BigInteger answer) implements Op {}
    }

    /** Sizes a step from the mirror's state. */
    static Op resolve(Market m, AaveState s, AaveBlock block, AaveSteps step) {
        Address keeper = m.actors.get(AaveSteps.KEEPER);
        return switch (step) {
            case AaveSteps.Supply x -> {
                Address actor = actor(m, x.actor());
                Address onBehalfOf = x.onBehalfOf() < 0 ? actor : actor(m, x.onBehalfOf());
                yield new Op.Call(new AaveCall.Supply(
                        actor, asset(m, x.asset()), usd(m, s, block, x.asset(), x.size()), onBehalfOf, 0));
            }
            case AaveSteps.Withdraw x -> {
                Address actor = actor(m, x.actor());
                Address a = asset(m, x.asset());
                BigInteger held = value(s, block, s.reserve(a).get().aToken(), actor);
                yield new Op.Call(new AaveCall.Withdraw(actor, a, share(held, x.permille()), actor));
            }
            case AaveSteps.Borrow x -> {
                Address actor = actor(m, x.actor());
                Address a = asset(m, x.asset());
                BigInteger room = AaveViews.userAccountData(s, block, actor)
                        .map(AaveViews.UserAccountData::availableBorrowsBase)
                        .getOrElse(BigInteger.ZERO);
                BigInteger price = block.answers().get(a).getOrElse(BigInteger.ONE);
                BigInteger capacity = room.multiply(
                                BigInteger.TEN.pow(s.reserve(a).get().config().decimals()))
                        .divide(price);
                yield new Op.Call(
                        new AaveCall.Borrow(actor, a, share(capacity, x.permille()), BigInteger.TWO, 0, actor));
            }
            case AaveSteps.Repay x -> {
                Address actor = actor(m, x.actor());
                Address a = asset(m, x.asset());
                BigInteger debt = value(s, block, s.reserve(a).get().variableDebtToken(), actor);
                BigInteger amount = share(debt, x.permille());
                yield new Op.Call(
                        x.withATokens()
                                ? new AaveCall.RepayWithATokens(actor, a, amount, BigInteger.TWO)
                                : new AaveCall.Repay(actor, a, amount, BigInteger.TWO, actor));
            }
            case AaveSteps.Collateral x ->
                new Op.Call(
                        new AaveCall.SetUserUseReserveAsCollateral(actor(m, x.actor()), asset(m, x.asset()), x.use()));
            case AaveSteps.EMode x -> new Op.Call(new AaveCall.SetUserEMode(actor(m, x.actor()), x.category()));
            case AaveSteps.Liquidate x -> {
                Address borrower = actor(m, x.borrower());
                int collateral = held(s, block, borrower, x.collateral(), true);
                int debt = held(s, block, borrower, x.debt(), false);
                Address debtAsset = asset(m, debt);
                BigInteger owed = value(s, block, s.reserve(debtAsset).get().variableDebtToken(), borrower);
                yield new Op.Call(new AaveCall.LiquidationCall(
                        x.self() ? borrower : keeper,
                        asset(m, collateral),
                        debtAsset,
                        borrower,
                        share(owed, x.permille()),
                        x.receiveAToken()));
            }
            case AaveSteps.Price x -> {
                Address a = asset(m, x.asset());
                BigInteger old = block.answers().get(a).get();
                BigInteger moved = old.multiply(BigInteger.valueOf(10_000L + x.bps()))
                        .divide(BigInteger.valueOf(10_000))
                        .max(BigInteger.ONE);
                yield new Op.SetPrice(a, moved);
            }
            case AaveSteps.Boundary x -> boundary(m, s, block, x.actor(), x.targetPermille(), x.delta(), 1000);
            case AaveSteps.Crash x -> boundary(m, s, block, x.actor(), 1000, 0, x.permille());
            case AaveSteps.Wait x -> throw new IllegalStateException("waits are handled by the loop");
            case AaveSteps.ATokenTransfer x -> {
                Address from = actor(m, x.from());
                Address a = asset(m, x.asset());
                BigInteger held = value(s, block, s.reserve(a).get().aToken(), from);
                yield new Op.Call(new AaveCall.ATokenTransfer(
                        from,
                        a,
                        actor(m, x.to()),
                        share(held, x.permille())
                                .min(BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE))));
            }
            case AaveSteps.Donate x -> {
                Address a = asset(m, x.asset());
                yield new Op.Call(new AaveCall.TokenTransfer(
                        keeper, a, s.reserve(a).get().aToken(), usd(m, s, block, x.asset(), x.size())));
            }
            case AaveSteps.Eliminate x ->
                new Op.Call(
                        new AaveCall.EliminateReserveDeficit(actor(m, x.actor()), asset(m, x.asset()), BigInteger.ONE));
        };
    }

    private static Address actor(Market m, int i) {
        return m.actors.get(i);
    }

    private static Address asset(Market m, int i) {
        return m.assets.get(i);
    }

    private static BigInteger share(BigInteger amount, int permille) {
        if (permille == 1001) {
            return MAX;
        }
        if (permille == 1002) {
            return amount.add(BigInteger.ONE);
        }
        return amount.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
    }

    /** The amount of a reserve's asset worth a USD size from {@link AaveSteps#USD} (size 1: one unit). */
    private static BigInteger usd(Market m, AaveState s, AaveBlock block, int asset, int size) {
        long dollars = AaveSteps.USD[size];
        if (dollars <= 0) {
            return BigInteger.valueOf(-dollars);
        }
        Address a = asset(m, asset);
        BigInteger price = block.answers().get(a).getOrElse(BigInteger.ONE);
        return BigInteger.valueOf(dollars)
                .multiply(BigInteger.TEN.pow(8 + s.reserve(a).get().config().decimals()))
                .divide(price.max(BigInteger.ONE));
    }

    /** The reserve named if the user holds it (as collateral or debt), else the first it holds, else the one named. */
    private static int held(AaveState s, AaveBlock block, Address user, int named, boolean collateral) {
        java.util.function.IntPredicate holds = i -> {
            AaveState.Reserve r = s.reserves().get(i);
            return value(s, block, collateral ? r.aToken() : r.variableDebtToken(), user)
                            .signum()
                    > 0;
        };
        if (holds.test(named)) {
            return named;
        }
        for (int i = 0; i < s.reserves().size(); i++) {
            if (holds.test(i)) {
                return i;
            }
        }
        return named;
    }

    /**
     * Sets the price of the account's largest collateral (in base currency) to the lowest price at which its health
     * factor reaches {@code targetPermille} per mille of 1.0, plus {@code delta} price units, or to {@code permille}
     * of that price. The actor named, or else the next one with debt.
     */
    private static Op boundary(
            Market m, AaveState s, AaveBlock block, int actorIndex, int targetPermille, int delta, int permille) {
        Address account = actor(m, actorIndex);
        for (int k = 0; k < 4 && debtBase(s, block, account).signum() == 0; k++) {
            account = actor(m, (actorIndex + k + 1) % 4);
        }
        Address user = account;
        int best = -1;
        BigInteger bestValue = BigInteger.ZERO;
        BigInteger cfg = s.userConfigOf(user);
        for (int i = 0; i < s.reserves().size(); i++) {
            if (!cfg.testBit(2 * i + 1)) {
                continue;
            }
            BigInteger v = baseValue(s, block, s.reserves().get(i).asset(), user, true);
            if (v.compareTo(bestValue) > 0) {
                best = i;
                bestValue = v;
            }
        }
        if (best < 0 || debtBase(s, block, user).signum() == 0) {
            Address any = asset(m, 0);
            return new Op.SetPrice(any, block.answers().get(any).get());
        }
        Address asset = s.reserves().get(best).asset();
        BigInteger target = BigInteger.valueOf(targetPermille).multiply(E15);
        BigInteger lo = BigInteger.ONE;
        BigInteger hi = BigInteger.TEN.pow(18);
        if (hf(s, block.withAnswer(asset, hi), user).compareTo(target) < 0) {
            return new Op.SetPrice(asset, block.answers().get(asset).get());
        }
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (hf(s, block.withAnswer(asset, mid), user).compareTo(target) >= 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        BigInteger price = permille == 1000
                ? hi.add(BigInteger.valueOf(delta))
                : hi.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
        return new Op.SetPrice(asset, price.max(BigInteger.ONE));
    }

    private static BigInteger hf(AaveState s, AaveBlock block, Address user) {
        return AaveViews.userAccountData(s, block, user)
                .map(AaveViews.UserAccountData::healthFactor)
                .getOrElse(BigInteger.ZERO);
    }

    private static BigInteger debtBase(AaveState s, AaveBlock block, Address user) {
        return AaveViews.userAccountData(s, block, user)
                .map(AaveViews.UserAccountData::totalDebtBase)
                .getOrElse(BigInteger.ZERO);
    }
}
