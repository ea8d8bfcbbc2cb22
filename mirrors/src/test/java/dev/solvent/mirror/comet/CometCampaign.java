package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.collection.HashMap;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one sequence of {@link CometSteps} on the mirror and on Comet's bytecode on anvil, side by side: each step
 * becomes one concrete call (sized from the mirror's state), both results must be equal (success and every log, or
 * the same revert), and then every view in {@link #views} must read the same. The first difference stops the run with
 * a readable trace.
 */
final class CometCampaign {

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    /** Wall time spent executing the same calls on each side (the chain's includes its JSON-RPC round trips). */
    static final java.util.concurrent.atomic.AtomicLong MIRROR_NANOS = new java.util.concurrent.atomic.AtomicLong();

    static final java.util.concurrent.atomic.AtomicLong CHAIN_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong TIMED_CALLS = new java.util.concurrent.atomic.AtomicLong();
    /** Seconds between two actions when no wait is asked for: Ethereum's slot time. */
    private static final long BLOCK_SECONDS = 12;

    /** A market deployed on both sides, ready for sequences: the chain's snapshot and the mirror's matching state. */
    static final class Market {
        final String name;
        final CometMarketSpec spec;
        final CometChain chain;
        final List<Address> actors;
        final CometState mirror;
        final Map<Address, BigInteger> answers;
        final long start;
        final List<ViewCall> views;

        Market(
                String name,
                CometMarketSpec spec,
                CometChain chain,
                List<Address> actors,
                CometState mirror,
                Map<Address, BigInteger> answers,
                long start) {
            this.name = name;
            this.spec = spec;
            this.chain = chain;
            this.actors = actors;
            this.mirror = mirror;
            this.answers = answers;
            this.start = start;
            this.views = views(chain, actors);
        }

        BigInteger baseUnit() {
            return BigInteger.TEN.pow(spec.baseDecimals());
        }

        List<Address> feeds() {
            List<Address> feeds = new ArrayList<>();
            feeds.add(chain.baseFeed());
            feeds.addAll(chain.collateralFeeds());
            return feeds;
        }

        List<Address> tokens() {
            List<Address> tokens = new ArrayList<>();
            tokens.add(chain.baseToken());
            tokens.addAll(chain.collateralTokens());
            return tokens;
        }
    }

    /** What a run reached, for the coverage gates and the closing figures. */
    record Outcome(
            int actions,
            int reverts,
            int absorbs,
            int buys,
            boolean absorbWithDeficit,
            boolean buyBelowTarget,
            boolean buyNotForSale,
            boolean boundary,
            boolean longIdle) {}

    private CometCampaign() {}

    /**
     * Deploys a market on the chain and the same market in the mirror, gives every actor tokens and approves Comet
     * for them (checking each of those calls on both sides too), and returns it ready for {@link #run}.
     */
    static Market deploy(AnvilChain anvil, String name, CometMarketSpec spec) {
        CometChain chain = CometChain.deploy(anvil, spec);
        List<Address> actors = new ArrayList<>();
        for (int i = 0; i < CometSteps.ACTORS; i++) {
            actors.add(Address.ofNumber(0xA11CE000L + i));
        }
        io.vavr.collection.Map<Address, StandardToken> tokens =
                HashMap.of(chain.baseToken(), StandardToken.create(chain.baseToken(), spec.baseDecimals()));
        List<CometConfiguration.AssetConfig> assets = new ArrayList<>();
        Map<Address, BigInteger> answers = new LinkedHashMap<>();
        answers.put(chain.baseFeed(), spec.basePrice());
        for (int i = 0; i < spec.collaterals().size(); i++) {
            CometMarketSpec.Collateral c = spec.collaterals().get(i);
            Address token = chain.collateralTokens().get(i);
            tokens = tokens.put(token, StandardToken.create(token, c.decimals()));
            assets.add(new CometConfiguration.AssetConfig(
                    token,
                    chain.collateralFeeds().get(i),
                    c.decimals(),
                    c.borrowCollateralFactor(),
                    c.liquidateCollateralFactor(),
                    c.liquidationFactor(),
                    c.supplyCap()));
            answers.put(chain.collateralFeeds().get(i), c.price());
        }
        CometConfiguration config = new CometConfiguration(
                chain.governor(),
                chain.pauseGuardian(),
                chain.baseToken(),
                chain.baseFeed(),
                chain.extension(),
                spec.supplyKink(),
                spec.supplyPerYearInterestRateSlopeLow(),
                spec.supplyPerYearInterestRateSlopeHigh(),
                spec.supplyPerYearInterestRateBase(),
                spec.borrowKink(),
                spec.borrowPerYearInterestRateSlopeLow(),
                spec.borrowPerYearInterestRateSlopeHigh(),
                spec.borrowPerYearInterestRateBase(),
                spec.storeFrontPriceFactor(),
                spec.trackingIndexScale(),
                spec.baseTrackingSupplySpeed(),
                spec.baseTrackingBorrowSpeed(),
                spec.baseMinForRewards(),
                spec.baseBorrowMin(),
                spec.targetReserves(),
                assets);
        Function<Address, Integer> feedDecimals = feed -> answers.containsKey(feed) ? 8 : null;
        CometState mirror = Comet.deploy(chain.comet(), config, tokens, feedDecimals, chain.deployedAt())
                .getOrElseThrow(r -> new AssertionError("the mirror refused the market the chain took: " + r));
        long time = chain.deployedAt() + 1;
        List<CometCall> funding = new ArrayList<>();
        for (Address actor : actors) {
            for (Address token : tokensOf(chain)) {
                int decimals = token.equals(chain.baseToken())
                        ? spec.baseDecimals()
                        : spec.collaterals()
                                .get(chain.collateralTokens().indexOf(token))
                                .decimals();
                BigInteger lots = BigInteger.TEN.pow(12 + decimals);
                funding.add(new CometCall.TokenAllocate(actor, token, actor, lots));
                funding.add(new CometCall.TokenApprove(actor, token, chain.comet(), Word.UINT256_MAX));
            }
        }
        CometBlock block = new CometBlock(time, BigInteger.ZERO, answers);
        StringBuilder trace = new StringBuilder();
        for (CometCall call : funding) {
            mirror = both(chain, mirror, call, block, trace, 0);
        }
        return new Market(name, spec, chain, List.copyOf(actors), mirror, Map.copyOf(answers), time + 1);
    }

    private static List<Address> tokensOf(CometChain chain) {
        List<Address> tokens = new ArrayList<>();
        tokens.add(chain.baseToken());
        tokens.addAll(chain.collateralTokens());
        return tokens;
    }

    /** Runs one call on both sides, compares the results, and returns the mirror's next state. */
    static CometState both(
            CometChain chain, CometState mirror, CometCall call, CometBlock block, StringBuilder trace, int step) {
        long t0 = System.nanoTime();
        Either<EvmRevert, CometReceipt> mine = Comet.execute(mirror, call, block);
        long t1 = System.nanoTime();
        Either<EvmRevert, List<Log>> real = chain.execute(call, block.timestamp());
        long t2 = System.nanoTime();
        MIRROR_NANOS.addAndGet(t1 - t0);
        CHAIN_NANOS.addAndGet(t2 - t1);
        TIMED_CALLS.incrementAndGet();
        Either<EvmRevert, List<Log>> mineLogs = mine.map(CometReceipt::logs);
        trace.append(String.format("  #%d t=%d %s%n      mirror: %s%n", step, block.timestamp(), call, show(mineLogs)));
        if (!mineLogs.equals(real)) {
            trace.append("      chain:  ").append(show(real)).append('\n');
            throw new AssertionError(
                    "the mirror and Comet's bytecode differ on the result of step " + step + ":\n" + trace);
        }
        return mine.map(CometReceipt::state).getOrElse(mirror);
    }

    private static String show(Either<EvmRevert, List<Log>> r) {
        return r.fold(e -> "revert " + e, logs -> "ok " + logs);
    }

    /** The views compared after every step: each actor's account, each token's balances, Comet's totals. */
    static List<ViewCall> views(CometChain chain, List<Address> actors) {
        List<ViewCall> v = new ArrayList<>();
        String comet = "comet";
        List<String> u256 = List.of("uint256");
        v.add(new ViewCall(
                "totalsBasic",
                comet,
                "totalsBasic()",
                List.of(),
                List.of("uint64", "uint64", "uint64", "uint64", "uint104", "uint104", "uint40", "uint8")));
        v.add(new ViewCall("getReserves", comet, "getReserves()", List.of(), List.of("int256")));
        v.add(new ViewCall("totalSupply", comet, "totalSupply()", List.of(), u256));
        v.add(new ViewCall("totalBorrow", comet, "totalBorrow()", List.of(), u256));
        v.add(new ViewCall("getUtilization", comet, "getUtilization()", List.of(), u256));
        for (Address asset : chain.collateralTokens()) {
            v.add(new ViewCall(
                    "totalsCollateral(" + asset + ")",
                    comet,
                    "totalsCollateral(address)",
                    List.of(asset),
                    List.of("uint128", "uint128")));
            v.add(new ViewCall(
                    "getCollateralReserves(" + asset + ")",
                    comet,
                    "getCollateralReserves(address)",
                    List.of(asset),
                    u256));
            v.add(new ViewCall(
                    "quoteCollateral(" + asset + ")",
                    comet,
                    "quoteCollateral(address,uint256)",
                    List.of(asset, BigInteger.valueOf(1_000_000_007L)),
                    u256));
        }
        for (Address a : actors) {
            v.add(new ViewCall(
                    "userBasic(" + a + ")",
                    comet,
                    "userBasic(address)",
                    List.of(a),
                    List.of("int104", "uint64", "uint64", "uint16", "uint8")));
            v.add(new ViewCall("balanceOf(" + a + ")", comet, "balanceOf(address)", List.of(a), u256));
            v.add(new ViewCall("borrowBalanceOf(" + a + ")", comet, "borrowBalanceOf(address)", List.of(a), u256));
            v.add(new ViewCall(
                    "isLiquidatable(" + a + ")", comet, "isLiquidatable(address)", List.of(a), List.of("bool")));
            v.add(new ViewCall(
                    "isBorrowCollateralized(" + a + ")",
                    comet,
                    "isBorrowCollateralized(address)",
                    List.of(a),
                    List.of("bool")));
            v.add(new ViewCall(
                    "liquidatorPoints(" + a + ")",
                    comet,
                    "liquidatorPoints(address)",
                    List.of(a),
                    List.of("uint32", "uint64", "uint128", "uint32")));
            for (Address asset : chain.collateralTokens()) {
                v.add(new ViewCall(
                        "collateralBalanceOf(" + a + "," + asset + ")",
                        comet,
                        "collateralBalanceOf(address,address)",
                        List.of(a, asset),
                        List.of("uint128")));
            }
        }
        List<Address> holders = new ArrayList<>(actors);
        holders.add(chain.comet());
        for (Address token : tokensOf(chain)) {
            for (Address h : holders) {
                v.add(new ViewCall(
                        "token " + token + " balanceOf(" + h + ")",
                        token.hex(),
                        "balanceOf(address)",
                        List.of(h),
                        u256));
            }
            v.add(new ViewCall(
                    "token " + token + " allowance(" + actors.get(0) + ",comet)",
                    token.hex(),
                    "allowance(address,address)",
                    List.of(actors.get(0), chain.comet()),
                    u256));
        }
        return List.copyOf(v);
    }

    /** Runs {@code steps} from the market's snapshot; an {@link AssertionError} carries the trace of a difference. */
    static Outcome run(Market m, List<CometSteps> steps) {
        CometState s = m.mirror;
        Map<Address, BigInteger> answers = new LinkedHashMap<>(m.answers);
        long time = m.start;
        StringBuilder trace = new StringBuilder();
        int actions = 0;
        int reverts = 0;
        int absorbs = 0;
        int buys = 0;
        boolean deficit = false;
        boolean buyBelow = false;
        boolean notForSale = false;
        boolean boundary = false;
        boolean longIdle = false;
        compareViews(m, s, new CometBlock(time, BigInteger.ZERO, answers), trace, -1);
        for (int i = 0; i < steps.size(); i++) {
            CometSteps step = steps.get(i);
            if (step instanceof CometSteps.Wait w) {
                time += w.seconds();
                longIdle |= w.seconds() >= 30 * 86_400L;
                trace.append(String.format("  #%d wait %d s%n", i, w.seconds()));
                continue;
            }
            time += BLOCK_SECONDS;
            CometBlock block = new CometBlock(time, BigInteger.ZERO, answers);
            Op op = resolve(m, s, block, step);
            if (op instanceof Op.SetPrice p) {
                if (p.boundary()) {
                    boundary = true;
                }
                answers.put(p.feed(), p.answer());
                m.chain.setPrice(p.feed(), p.answer(), time);
                trace.append(String.format("  #%d t=%d price %s := %s%n", i, time, p.feed(), p.answer()));
            } else if (op instanceof Op.Call c) {
                Either<EvmRevert, CometReceipt> mine = Comet.execute(s, c.call(), block);
                s = both(m.chain, s, c.call(), block, trace, i);
                actions++;
                if (mine.isLeft()) {
                    reverts++;
                    notForSale |= c.call() instanceof CometCall.BuyCollateral
                            && mine.getLeft().equals(new EvmRevert.CustomError("NotForSale"));
                } else if (c.call() instanceof CometCall.Absorb) {
                    absorbs++;
                    deficit |= signum(() -> CometViews.getReserves(mine.get().state(), block)) < 0;
                } else if (c.call() instanceof CometCall.BuyCollateral) {
                    buys++;
                    buyBelow = true;
                }
            }
            compareViews(m, s, new CometBlock(time, BigInteger.ZERO, answers), trace, i);
        }
        return new Outcome(actions, reverts, absorbs, buys, deficit, buyBelow, notForSale, boundary, longIdle);
    }

    private static void compareViews(Market m, CometState s, CometBlock block, StringBuilder trace, int step) {
        compareViews(m.chain, m.views, s, block, trace, step);
    }

    /** Reads {@code views} on both sides at {@code block}; the first difference fails with the trace. */
    static void compareViews(
            CometChain chain, List<ViewCall> views, CometState s, CometBlock block, StringBuilder trace, int step) {
        List<String> mine = MirrorViews.read(s, block, views);
        List<String> real = chain.read(views, block.timestamp());
        for (int k = 0; k < mine.size(); k++) {
            if (!mine.get(k).equals(real.get(k))) {
                throw new AssertionError("the mirror and Comet's bytecode differ after step " + step + " on "
                        + views.get(k).key() + ": mirror " + mine.get(k) + ", chain " + real.get(k) + "\n"
                        + trace);
            }
        }
    }

    private static int signum(java.util.function.Supplier<BigInteger> value) {
        try {
            return value.get().signum();
        } catch (RevertException e) {
            return 0;
        }
    }

    /** A step made concrete: a call for both sides, or a new feed answer. */
    sealed interface Op {
        record Call(CometCall call) implements Op {}

        record SetPrice(Address feed, BigInteger answer, boolean boundary) implements Op {}
    }

    /** Sizes a step from the mirror's state (views that revert count as zero). */
    static Op resolve(Market m, CometState s, CometBlock block, CometSteps step) {
        CometChain c = m.chain;
        Address keeper = m.actors.get(CometSteps.KEEPER);
        return switch (step) {
            case CometSteps.Supply x ->
                new Op.Call(new CometCall.Supply(
                        actor(m, x.actor()), token(m, x.asset()), usd(m, block, x.asset(), x.size())));
            case CometSteps.Borrow x ->
                new Op.Call(new CometCall.Withdraw(
                        actor(m, x.actor()),
                        c.baseToken(),
                        share(capacity(m, s, block, actor(m, x.actor())), x.permille())));
            case CometSteps.Repay x ->
                new Op.Call(new CometCall.Supply(
                        actor(m, x.actor()),
                        c.baseToken(),
                        x.permille() > 1000
                                ? Word.UINT256_MAX
                                : share(
                                        value(() -> CometViews.borrowBalanceOf(s, block, actor(m, x.actor()))),
                                        x.permille())));
            case CometSteps.Withdraw x ->
                new Op.Call(new CometCall.Withdraw(
                        actor(m, x.actor()),
                        token(m, x.asset()),
                        held(m, s, block, x.actor(), x.asset(), x.permille())));
            case CometSteps.Transfer x ->
                x.asset() < 0
                        ? new Op.Call(new CometCall.Transfer(
                                actor(m, x.from()), actor(m, x.to()), held(m, s, block, x.from(), -1, x.permille())))
                        : new Op.Call(new CometCall.TransferAsset(
                                actor(m, x.from()),
                                actor(m, x.to()),
                                token(m, x.asset()),
                                held(m, s, block, x.from(), x.asset(), x.permille())));
            case CometSteps.Absorb x -> {
                List<Address> accounts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    if ((x.mask() & (1 << i)) != 0) {
                        accounts.add(actor(m, i));
                    }
                }
                List<Address> underwater =
                        accounts.stream().filter(a -> liquidatable(s, block, a)).toList();
                if (x.onlyUnderwater() && !underwater.isEmpty()) {
                    accounts = underwater;
                }
                yield new Op.Call(new CometCall.Absorb(keeper, keeper, accounts));
            }
            case CometSteps.Buy x -> {
                Address asset = token(m, x.asset());
                BigInteger reserves = value(() -> CometViews.getCollateralReserves(s, asset));
                BigInteger base = usd(m, block, -1, x.size());
                if (x.size() >= 3 && reserves.signum() > 0) {
                    // spend a quarter to one and a half times what the reserves are worth: buys succeed and fail
                    BigInteger quoteOfOne = value(() -> CometViews.quoteCollateral(s, block, asset, m.baseUnit()));
                    if (quoteOfOne.signum() > 0) {
                        base = reserves.multiply(m.baseUnit())
                                .multiply(BigInteger.valueOf(x.size() - 2))
                                .divide(quoteOfOne.multiply(BigInteger.valueOf(4)));
                    }
                }
                BigInteger finalBase = base;
                BigInteger quote = value(() -> CometViews.quoteCollateral(s, block, asset, finalBase));
                BigInteger min = x.tightMinimum()
                        ? quote.add(BigInteger.ONE)
                        : quote.multiply(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
                yield new Op.Call(new CometCall.BuyCollateral(keeper, asset, min, base, keeper));
            }
            case CometSteps.Price x -> {
                Address feed = m.feeds().get(x.asset() + 1);
                BigInteger old = block.answers().get(feed);
                BigInteger moved =
                        old.multiply(BigInteger.valueOf(10_000L + x.bps())).divide(BigInteger.valueOf(10_000));
                yield new Op.SetPrice(feed, moved, false);
            }
            case CometSteps.Boundary x -> boundary(m, s, block, x.actor(), x.asset(), x.delta(), 1000);
            case CometSteps.Crash x -> boundary(m, s, block, x.actor(), 0, 0, x.permille());
            case CometSteps.Wait x -> throw new IllegalStateException("waits are handled by the loop");
            case CometSteps.Allow x ->
                new Op.Call(new CometCall.Allow(actor(m, x.owner()), actor(m, x.manager()), x.allowed()));
            case CometSteps.Managed x ->
                new Op.Call(new CometCall.WithdrawFrom(
                        actor(m, x.manager()),
                        actor(m, x.owner()),
                        actor(m, x.manager()),
                        c.baseToken(),
                        held(m, s, block, x.owner(), -1, x.permille())));
            case CometSteps.Donate x ->
                new Op.Call(new CometCall.TokenTransfer(
                        keeper, token(m, x.asset()), c.comet(), usd(m, block, x.asset(), x.size())));
            case CometSteps.Reserves x ->
                new Op.Call(new CometCall.WithdrawReserves(
                        c.governor(),
                        c.governor(),
                        share(value(() -> CometViews.getReserves(s, block)).max(BigInteger.ZERO), x.permille())));
            case CometSteps.Pause x ->
                new Op.Call(new CometCall.Pause(
                        c.pauseGuardian(),
                        (x.flags() & 1) != 0,
                        (x.flags() & 2) != 0,
                        (x.flags() & 4) != 0,
                        (x.flags() & 8) != 0,
                        (x.flags() & 16) != 0));
            case CometSteps.Accrue x -> new Op.Call(new CometCall.AccrueAccount(keeper, actor(m, x.actor())));
        };
    }

    private static Address actor(Market m, int i) {
        return m.actors.get(i);
    }

    private static Address token(Market m, int asset) {
        return asset < 0 ? m.chain.baseToken() : m.chain.collateralTokens().get(asset);
    }

    private static BigInteger share(BigInteger amount, int permille) {
        if (permille == 1001) {
            return Word.UINT256_MAX;
        }
        if (permille == 1002) {
            return amount.add(BigInteger.ONE);
        }
        return amount.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
    }

    private static BigInteger value(java.util.function.Supplier<BigInteger> view) {
        try {
            return view.get();
        } catch (RevertException e) {
            return BigInteger.ZERO;
        }
    }

    /** The amount of an asset worth a USD size from {@link CometSteps#USD} (size 1: one base unit). */
    private static BigInteger usd(Market m, CometBlock block, int asset, int size) {
        long dollars = CometSteps.USD[size];
        if (dollars <= 0) {
            return BigInteger.valueOf(-dollars);
        }
        BigInteger price = block.answers().get(m.feeds().get(asset + 1));
        int decimals = asset < 0
                ? m.spec.baseDecimals()
                : m.spec.collaterals().get(asset).decimals();
        return BigInteger.valueOf(dollars)
                .multiply(BigInteger.TEN.pow(8 + decimals))
                .divide(price.max(BigInteger.ONE));
    }

    /** What the actor holds in Comet: base balance or collateral balance, as a share. */
    private static BigInteger held(Market m, CometState s, CometBlock block, int actor, int asset, int permille) {
        Address a = actor(m, actor);
        BigInteger balance =
                asset < 0 ? value(() -> CometViews.balanceOf(s, block, a)) : s.collateralBalanceOf(a, token(m, asset));
        return share(balance, permille);
    }

    /**
     * How much base the account could still borrow: its collateral at borrow factors less its debt, in base units
     * (an estimate for sizing; the contract decides).
     */
    private static BigInteger capacity(Market m, CometState s, CometBlock block, Address account) {
        BigInteger usd = BigInteger.ZERO;
        for (int i = 0; i < m.spec.collaterals().size(); i++) {
            AssetInfo info = s.immutables().assets().get(i);
            BigInteger price = block.answers().get(info.priceFeed());
            usd = usd.add(s.collateralBalanceOf(account, info.asset())
                    .multiply(price)
                    .divide(info.scale())
                    .multiply(info.borrowCollateralFactor())
                    .divide(WAD));
        }
        BigInteger basePrice = block.answers().get(m.chain.baseFeed());
        BigInteger room = usd.multiply(m.baseUnit()).divide(basePrice.max(BigInteger.ONE));
        BigInteger supplied = value(() -> CometViews.balanceOf(s, block, account));
        BigInteger owed = value(() -> CometViews.borrowBalanceOf(s, block, account));
        return room.add(supplied).subtract(owed).max(BigInteger.ZERO);
    }

    /** The lowest collateral price at which the account is not liquidatable, plus the step's delta. */
    private static Op boundary(
            Market m, CometState s, CometBlock block, int actorIndex, int assetIndex, int delta, int permille) {
        // the actor named, or else the next borrower: a boundary needs debt and collateral
        Address account = actor(m, actorIndex);
        for (int k = 0; k < 4 && s.userBasic(account).principal().signum() >= 0; k++) {
            account = actor(m, (actorIndex + k + 1) % 4);
        }
        int asset = assetIndex;
        for (int i = 0;
                i < m.spec.collaterals().size()
                        && s.collateralBalanceOf(account, token(m, asset)).signum() == 0;
                i++) {
            asset = i;
        }
        Address feed = m.chain.collateralFeeds().get(asset);
        BigInteger lo = BigInteger.ONE;
        BigInteger hi = BigInteger.TEN.pow(20);
        if (!liquidatable(s, block.withAnswer(feed, lo), account)
                || liquidatable(s, block.withAnswer(feed, hi), account)) {
            return new Op.SetPrice(feed, block.answers().get(feed), false);
        }
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (liquidatable(s, block.withAnswer(feed, mid), account)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        BigInteger price = permille == 1000
                ? hi.add(BigInteger.valueOf(delta))
                : hi.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
        return new Op.SetPrice(feed, price.max(BigInteger.ONE), permille == 1000);
    }

    private static boolean liquidatable(CometState s, CometBlock block, Address account) {
        try {
            return CometViews.isLiquidatable(s, block, account);
        } catch (RevertException e) {
            return false;
        }
    }
}
