package dev.solvent.mirror.comet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.StandardToken;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A mirrored market built as Comet's own test helper {@code makeProtocol} builds one ({@code test/helpers.ts} in
 * {@code compound-finance/comet} at d5a30b0a): the same defaults (USDC base; COMP 175 $, WETH 3,000 $, WBTC 41,000 $;
 * the default rate curve; borrow CF {@code 1e18 - 1}, liquidate CF and liquidation factor {@code 1e18}, supply cap
 * 100 tokens), then the {@code CometHarness} setters ({@code setBasePrincipal}, {@code setCollateralBalance},
 * {@code setTotalsBasic}, ...) as direct edits of the {@link CometState}.
 *
 * <p>Time runs as hardhat's automine runs it in a fast test: every transaction, setters included, is mined in a new
 * block one second after the previous one, unless {@link #setNextBlockTimestamp} or {@link #setNow} says otherwise.
 * Views read the latest block. Prices have 8 decimals; the base fee is zero.
 */
final class CometFixture {

    static final BigInteger ONE = BigInteger.TEN.pow(18);
    static final long START = 1_700_000_000L;

    static final Address COMET = Address.ofNumber(0xC0E7);
    static final Address GOVERNOR = Address.ofNumber(0x1000);
    static final Address PAUSE_GUARDIAN = Address.ofNumber(0x1001);
    static final Address EXTENSION = Address.ofNumber(0x1002);
    /** {@code signers.slice(2)}: never the governor or the pause guardian. */
    static final List<Address> USERS = List.of(
            Address.ofNumber(0x2000), Address.ofNumber(0x2001), Address.ofNumber(0x2002), Address.ofNumber(0x2003));
    /** The token no market lists ({@code unsupportedToken}, 6 decimals). */
    static final Address USUP = Address.ofNumber(0x7fff);

    /** {@code exp(i, d)} of helpers.ts: {@code i} (a decimal literal, at most 6 fraction digits kept) times 10^d. */
    static BigInteger exp(String i, int d) {
        boolean negative = i.startsWith("-");
        String abs = negative ? i.substring(1) : i;
        String[] parts = abs.split("\\.", 2);
        String frac = parts.length > 1 ? parts[1] : "";
        frac = (frac + "000000").substring(0, 6);
        BigInteger scaled = new BigInteger(parts[0] + frac).multiply(BigInteger.TEN.pow(d));
        BigInteger value = scaled.divide(BigInteger.TEN.pow(6));
        return negative ? value.negate() : value;
    }

    static BigInteger exp(long i, int d) {
        return BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(d));
    }

    static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }

    /** One entry of {@code opts.assets}: a token, its feed, and (unless it is the base) its asset config. */
    record AssetSpec(
            String symbol,
            int decimals,
            BigInteger price,
            int feedDecimals,
            BigInteger borrowCF,
            BigInteger liquidateCF,
            BigInteger liquidationFactor,
            BigInteger supplyCap) {

        /** {@code { decimals, initialPrice }} with the other fields at makeProtocol's defaults. */
        static AssetSpec of(String symbol, int decimals, String initialPrice) {
            return new AssetSpec(
                    symbol, decimals, exp(initialPrice, 8), 8, ONE.subtract(BigInteger.ONE), ONE, ONE, null);
        }

        AssetSpec borrowCF(BigInteger f) {
            return new AssetSpec(symbol, decimals, price, feedDecimals, f, liquidateCF, liquidationFactor, supplyCap);
        }

        AssetSpec liquidateCF(BigInteger f) {
            return new AssetSpec(symbol, decimals, price, feedDecimals, borrowCF, f, liquidationFactor, supplyCap);
        }

        AssetSpec liquidationFactor(BigInteger f) {
            return new AssetSpec(symbol, decimals, price, feedDecimals, borrowCF, liquidateCF, f, supplyCap);
        }

        AssetSpec supplyCap(BigInteger cap) {
            return new AssetSpec(symbol, decimals, price, feedDecimals, borrowCF, liquidateCF, liquidationFactor, cap);
        }

        AssetSpec feedDecimals(int d) {
            return new AssetSpec(symbol, decimals, price, d, borrowCF, liquidateCF, liquidationFactor, supplyCap);
        }

        BigInteger supplyCapOrDefault() {
            return supplyCap != null ? supplyCap : exp(100, decimals);
        }
    }

    /** {@code defaultAssets()} of helpers.ts, in its order: COMP, USDC, WETH, WBTC. */
    static List<AssetSpec> defaultAssets() {
        return List.of(
                AssetSpec.of("COMP", 18, "175"),
                AssetSpec.of("USDC", 6, "1"),
                AssetSpec.of("WETH", 18, "3000"),
                AssetSpec.of("WBTC", 8, "41000"));
    }

    static Options options() {
        return new Options();
    }

    /** {@code ProtocolOpts} with makeProtocol's defaults. */
    static final class Options {
        private String base = "USDC";
        private long start = START;
        private List<AssetSpec> assets = defaultAssets();
        private BigInteger supplyKink = exp("0.8", 18);
        private BigInteger supplyBase = BigInteger.ZERO;
        private BigInteger supplySlopeLow = exp("0.05", 18);
        private BigInteger supplySlopeHigh = exp(2, 18);
        private BigInteger borrowKink = exp("0.8", 18);
        private BigInteger borrowBase = exp("0.005", 18);
        private BigInteger borrowSlopeLow = exp("0.1", 18);
        private BigInteger borrowSlopeHigh = exp(3, 18);
        private BigInteger storeFrontPriceFactor = ONE;
        private BigInteger trackingIndexScale = exp(1, 15);
        private BigInteger baseTrackingSupplySpeed;
        private BigInteger baseTrackingBorrowSpeed;
        private BigInteger baseMinForRewards;
        private BigInteger baseBorrowMin;
        private BigInteger targetReserves = BigInteger.ZERO;
        private BigInteger baseTokenBalance = BigInteger.ZERO;

        Options assets(AssetSpec... specs) {
            assets = List.of(specs);
            return this;
        }

        Options start(long t) {
            start = t;
            return this;
        }

        /** All six rate parameters zero, as absorb-test.ts sets them. */
        Options zeroRates() {
            supplyBase = supplySlopeLow = supplySlopeHigh = BigInteger.ZERO;
            borrowBase = borrowSlopeLow = borrowSlopeHigh = BigInteger.ZERO;
            return this;
        }

        Options supplyCurve(BigInteger kink, BigInteger base, BigInteger low, BigInteger high) {
            supplyKink = kink;
            supplyBase = base;
            supplySlopeLow = low;
            supplySlopeHigh = high;
            return this;
        }

        Options borrowCurve(BigInteger kink, BigInteger base, BigInteger low, BigInteger high) {
            borrowKink = kink;
            borrowBase = base;
            borrowSlopeLow = low;
            borrowSlopeHigh = high;
            return this;
        }

        Options baseTrackingSpeeds(BigInteger supply, BigInteger borrow) {
            baseTrackingSupplySpeed = supply;
            baseTrackingBorrowSpeed = borrow;
            return this;
        }

        Options storeFrontPriceFactor(BigInteger f) {
            storeFrontPriceFactor = f;
            return this;
        }

        Options trackingIndexScale(BigInteger s) {
            trackingIndexScale = s;
            return this;
        }

        Options baseMinForRewards(BigInteger m) {
            baseMinForRewards = m;
            return this;
        }

        Options baseBorrowMin(BigInteger m) {
            baseBorrowMin = m;
            return this;
        }

        Options targetReserves(BigInteger t) {
            targetReserves = t;
            return this;
        }

        Options baseTokenBalance(BigInteger b) {
            baseTokenBalance = b;
            return this;
        }

        private AssetSpec spec(String symbol) {
            return assets.stream()
                    .filter(a -> a.symbol().equals(symbol))
                    .findFirst()
                    .orElseThrow();
        }

        /** {@return the market, or the constructor's revert} */
        Either<EvmRevert, CometFixture> tryDeploy() {
            Map<String, Address> tokenAddresses = new LinkedHashMap<>();
            Map<String, Address> feedAddresses = new LinkedHashMap<>();
            Map<Address, Integer> feedDecimals = new java.util.HashMap<>();
            Map<String, BigInteger> prices = new LinkedHashMap<>();
            io.vavr.collection.Map<Address, StandardToken> tokens = HashMap.empty();
            List<CometConfiguration.AssetConfig> configs = new ArrayList<>();
            for (int i = 0; i < assets.size(); i++) {
                AssetSpec a = assets.get(i);
                Address token = Address.ofNumber(0x7000 + i);
                Address feed = Address.ofNumber(0xF000 + i);
                tokenAddresses.put(a.symbol(), token);
                feedAddresses.put(a.symbol(), feed);
                feedDecimals.put(feed, a.feedDecimals());
                prices.put(a.symbol(), a.price());
                tokens = tokens.put(token, StandardToken.create(token, a.decimals()));
                if (!a.symbol().equals(base)) {
                    configs.add(new CometConfiguration.AssetConfig(
                            token,
                            feed,
                            a.decimals(),
                            a.borrowCF(),
                            a.liquidateCF(),
                            a.liquidationFactor(),
                            a.supplyCapOrDefault()));
                }
            }
            tokens = tokens.put(USUP, StandardToken.create(USUP, 6));
            BigInteger baseUnit = BigInteger.TEN.pow(spec(base).decimals());
            CometConfiguration config = new CometConfiguration(
                    GOVERNOR,
                    PAUSE_GUARDIAN,
                    tokenAddresses.get(base),
                    feedAddresses.get(base),
                    EXTENSION,
                    supplyKink,
                    supplySlopeLow,
                    supplySlopeHigh,
                    supplyBase,
                    borrowKink,
                    borrowSlopeLow,
                    borrowSlopeHigh,
                    borrowBase,
                    storeFrontPriceFactor,
                    trackingIndexScale,
                    baseTrackingSupplySpeed != null ? baseTrackingSupplySpeed : trackingIndexScale,
                    baseTrackingBorrowSpeed != null ? baseTrackingBorrowSpeed : trackingIndexScale,
                    baseMinForRewards != null ? baseMinForRewards : baseUnit,
                    baseBorrowMin != null ? baseBorrowMin : baseUnit,
                    targetReserves,
                    configs);
            return Comet.deploy(COMET, config, tokens, feedDecimals::get, start).map(state -> {
                CometFixture f = new CometFixture(state, start, tokenAddresses, feedAddresses, prices);
                if (baseTokenBalance.signum() > 0) {
                    f.allocateTo(base, COMET, baseTokenBalance);
                }
                return f;
            });
        }

        CometFixture deploy() {
            Either<EvmRevert, CometFixture> deployed = tryDeploy();
            assertThat(deployed.isRight())
                    .as("deploys without a revert, got %s", deployed)
                    .isTrue();
            return deployed.get();
        }
    }

    // ---- the market

    private CometState state;
    private long now;
    private Long nextTimestamp;
    private Long frozenAt;
    private final Map<String, Address> tokens;
    private final Map<String, Address> feeds;
    private final Map<String, BigInteger> prices;

    private CometFixture(
            CometState state,
            long now,
            Map<String, Address> tokens,
            Map<String, Address> feeds,
            Map<String, BigInteger> prices) {
        this.state = state;
        this.now = now;
        this.tokens = tokens;
        this.feeds = feeds;
        this.prices = new LinkedHashMap<>(prices);
    }

    CometState state() {
        return state;
    }

    long now() {
        return now;
    }

    Address token(String symbol) {
        return tokens.get(symbol);
    }

    Address feed(String symbol) {
        return feeds.get(symbol);
    }

    /** {@return the latest block: its time and every feed's current answer} */
    CometBlock block() {
        Map<Address, BigInteger> answers = new java.util.HashMap<>();
        prices.forEach((symbol, price) -> answers.put(feeds.get(symbol), price));
        return new CometBlock(now, BigInteger.ZERO, answers);
    }

    // ---- time

    /** {@code evm_setNextBlockTimestamp}. */
    void setNextBlockTimestamp(long t) {
        nextTimestamp = t;
    }

    /** {@code CometHarness.setNow}: every later block has this time. */
    void setNow(long t) {
        frozenAt = t;
        now = t;
    }

    /** {@code evm_mine}: an empty block. */
    void evmMine() {
        mine();
    }

    private void mine() {
        if (frozenAt != null) {
            now = frozenAt;
        } else if (nextTimestamp != null) {
            now = nextTimestamp;
            nextTimestamp = null;
        } else {
            now = now + 1;
        }
    }

    // ---- transactions

    /** Mines {@code call} in a new block: the receipt (the state moves on) or the revert (the state stays). */
    Either<EvmRevert, CometReceipt> send(CometCall call) {
        mine();
        Either<EvmRevert, CometReceipt> result = Comet.execute(state, call, block());
        result.forEach(r -> state = r.state());
        return result;
    }

    /** {@link #send}, which must succeed. */
    CometReceipt ok(CometCall call) {
        Either<EvmRevert, CometReceipt> result = send(call);
        assertThat(result.isRight()).as("%s succeeds, got %s", call, result).isTrue();
        return result.get();
    }

    /** {@link #send}, which must revert: the reason. */
    EvmRevert reverts(CometCall call) {
        Either<EvmRevert, CometReceipt> result = send(call);
        assertThat(result.isLeft()).as("%s reverts, got %s", call, result).isTrue();
        return result.getLeft();
    }

    /** {@code SimplePriceFeed.setRoundData(0, answer, 0, 0, 0)}. */
    void setPrice(String symbol, BigInteger answer) {
        mine();
        prices.put(symbol, answer);
    }

    /** The faucet's {@code allocateTo(owner, value)}. */
    void allocateTo(String symbol, Address owner, BigInteger value) {
        ok(new CometCall.TokenAllocate(owner, token(symbol), owner, value));
    }

    /** A token's {@code approve(spender, amount)} sent by {@code owner}. */
    void approve(String symbol, Address owner, Address spender, BigInteger amount) {
        ok(new CometCall.TokenApprove(owner, token(symbol), spender, amount));
    }

    // ---- CometHarness setters

    /** {@code setBasePrincipal(account, principal)}: the principal only, as the harness writes it. */
    void setBasePrincipal(Address account, BigInteger principal) {
        mine();
        UserBasic u = state.userBasic(account);
        put(withUserBasic(state.userBasic()
                .put(account, new UserBasic(principal, u.baseTrackingIndex(), u.baseTrackingAccrued(), u.assetsIn()))));
    }

    /** {@code setCollateralBalance(account, asset, balance)}: the balance, then {@code updateAssetsIn}. */
    void setCollateralBalance(Address account, String symbol, BigInteger balance) {
        mine();
        Address asset = token(symbol);
        BigInteger old = state.collateralBalanceOf(account, asset);
        AssetInfo info = CometViews.getAssetInfoByAddress(state, asset);
        UserBasic u = state.userBasic(account);
        int bits = u.assetsIn();
        if (old.signum() == 0 && balance.signum() != 0) {
            bits |= 1 << info.offset();
        } else if (old.signum() != 0 && balance.signum() == 0) {
            bits &= ~(1 << info.offset());
        }
        CometState s = state;
        put(new CometState(
                s.immutables(),
                s.totalsBasic(),
                s.totalsCollateral(),
                s.userBasic().put(account, u.withAssetsIn(bits)),
                s.userCollateral().put(new Tuple2<>(account, asset), balance),
                s.isAllowed(),
                s.liquidatorPoints(),
                s.tokens()));
    }

    /** {@code setTotalsBasic(overrides)} of helpers.ts: the stored totals with some fields replaced. */
    void setTotalsBasic(UnaryOperator<TotalsBasic> overrides) {
        mine();
        CometState s = state;
        TotalsBasic next = overrides.apply(s.totalsBasic());
        put(new CometState(
                s.immutables(),
                next,
                s.totalsCollateral(),
                s.userBasic(),
                s.userCollateral(),
                s.isAllowed(),
                s.liquidatorPoints(),
                s.tokens()));
    }

    /** {@code setTotalsCollateral(asset, { totalSupplyAsset })}. */
    void setTotalsCollateral(String symbol, BigInteger totalSupplyAsset) {
        mine();
        CometState s = state;
        put(new CometState(
                s.immutables(),
                s.totalsBasic(),
                s.totalsCollateral().put(token(symbol), totalSupplyAsset),
                s.userBasic(),
                s.userCollateral(),
                s.isAllowed(),
                s.liquidatorPoints(),
                s.tokens()));
    }

    /** {@code bumpTotalsCollateral(comet, token, delta)} of helpers.ts: Comet receives the tokens and counts them. */
    void bumpTotalsCollateral(String symbol, BigInteger delta) {
        allocateTo(symbol, COMET, delta);
        setTotalsCollateral(symbol, state.totalSupplyAsset(token(symbol)).add(delta));
    }

    private CometState withUserBasic(io.vavr.collection.Map<Address, UserBasic> userBasic) {
        CometState s = state;
        return new CometState(
                s.immutables(),
                s.totalsBasic(),
                s.totalsCollateral(),
                userBasic,
                s.userCollateral(),
                s.isAllowed(),
                s.liquidatorPoints(),
                s.tokens());
    }

    private void put(CometState next) {
        state = next;
    }

    // ---- views, at the latest block

    <T> Either<EvmRevert, T> tryView(BiFunction<CometState, CometBlock, T> view) {
        CometBlock b = block();
        return Comet.view(s -> view.apply(s, b), state);
    }

    <T> T view(BiFunction<CometState, CometBlock, T> view) {
        Either<EvmRevert, T> result = tryView(view);
        assertThat(result.isRight()).as("the view answers, got %s", result).isTrue();
        return result.get();
    }

    BigInteger getReserves() {
        return view(CometViews::getReserves);
    }

    boolean isLiquidatable(Address account) {
        return view((s, b) -> CometViews.isLiquidatable(s, b, account));
    }

    boolean isBorrowCollateralized(Address account) {
        return view((s, b) -> CometViews.isBorrowCollateralized(s, b, account));
    }

    /** {@code baseBalanceOf} of helpers.ts: {@code balanceOf - borrowBalanceOf}. */
    BigInteger baseBalanceOf(Address account) {
        return view((s, b) -> CometViews.balanceOf(s, b, account).subtract(CometViews.borrowBalanceOf(s, b, account)));
    }

    BigInteger collateralBalanceOf(Address account, String symbol) {
        return state.collateralBalanceOf(account, token(symbol));
    }

    BigInteger collateralReserves(String symbol) {
        return view((s, b) -> CometViews.getCollateralReserves(s, token(symbol)));
    }

    /** {@code token.balanceOf(owner)}. */
    BigInteger tokenBalance(String symbol, Address owner) {
        return state.token(token(symbol)).get().balanceOf(owner);
    }
}
