package dev.solvent.model.view;

import static dev.solvent.model.view.KernelFixtures.MAX_AGE;
import static dev.solvent.model.view.KernelFixtures.NOW;
import static dev.solvent.model.view.KernelFixtures.reference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
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
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The kernel against the reference: on random protocols and accounts, boundary values included, {@link HealthKernel}
 * returns exactly what {@link dev.solvent.model.logic.MarginLogic#cross} does for every account.
 */
class HealthKernelProperties {

    /** Symbols and decimals of the priced assets; the settlement asset "USD" is added with random decimals. */
    private static final Vector<String> SYMBOLS = Vector.of("USDC", "WBTC", "WETH", "DAI", "SOL", "PAXG");

    private static final Vector<Integer> DECIMALS = Vector.of(6, 8, 18, 18, 9, 18);
    /** Assets an account may hold: the settlement asset (index -1 here) and the first four priced ones. */
    private static final int COLLATERAL_CHOICES = 5;

    private static final int BORROWABLE = 3; // DAI: usually a debt

    private static final Vector<String> MARKETS = Vector.of("BTC-PERP", "ETH-PERP", "SOL-PERP", "XAU-PERP");
    private static final Vector<String> UNDERLYINGS = Vector.of("WBTC", "WETH", "SOL", "PAXG");

    private static final BigInteger TWO = BigInteger.TWO;
    private static final List<BigInteger> BOUNDARIES = List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            TWO,
            TWO.pow(62).subtract(BigInteger.ONE),
            TWO.pow(62),
            TWO.pow(63).subtract(BigInteger.ONE),
            TWO.pow(63),
            TWO.pow(63).add(BigInteger.ONE),
            TWO.pow(64).subtract(BigInteger.ONE),
            TWO.pow(64),
            TWO.pow(64).add(BigInteger.ONE),
            TWO.pow(104),
            TWO.pow(104).add(BigInteger.ONE),
            TWO.pow(119).subtract(BigInteger.ONE),
            TWO.pow(119),
            TWO.pow(127).subtract(BigInteger.ONE),
            TWO.pow(127),
            TWO.pow(128).subtract(BigInteger.ONE),
            TWO.pow(128),
            TWO.pow(200));

    enum PriceStatus {
        FRESH,
        STALE,
        MISSING,
        NON_POSITIVE
    }

    record AssetParams(
            Wad collateralWeight, Wad liabilityWeight, BigInteger price, int priceDecimals, PriceStatus status) {}

    record MarketParams(
            Wad initialMargin,
            Wad maintenanceMargin,
            BigInteger fundingIndex,
            long elapsed,
            Option<Integer> premiumBps) {}

    record BalanceSpec(int choice, BigInteger magnitude, boolean negative) {}

    record PositionSpec(int market, BigInteger size, boolean isShort, BigInteger quote, BigInteger indexLag) {}

    record AccountSpec(List<BalanceSpec> balances, List<PositionSpec> positions) {}

    record Scenario(ProtocolState state, BlockContext block) {
        @Override
        public String toString() {
            return "prices " + block.prices().mkString(", ") + "\nmarkets "
                    + state.markets().mkString(", ") + "\naccounts\n  "
                    + state.accounts().values().mkString("\n  ");
        }
    }

    // ---- properties

    @Property
    void kernelEqualsReferenceForEveryAccount(@ForAll("scenarios") Scenario s) {
        KernelAccounts accounts = KernelAccounts.of(s.state());
        KernelResults results = HealthKernel.of(s.state(), s.block()).evaluate(accounts);
        int i = 0;
        for (Account a : s.state().accounts().values()) {
            Either<Revert, AccountData> expected = reference(s.state(), a, s.block());
            assertThat(results.data(i)).as("account %s", a).isEqualTo(expected);
            assertThat(results.isLiquidatable(i))
                    .as("liquidatable %s", a)
                    .isEqualTo(expected.fold(r -> false, AccountData::isLiquidatable));
            Statistics.label("path").collect(path(accounts, results, i));
            i++;
        }
        Statistics.label("path").coverage(c -> {
            c.check("fast").percentage(p -> p >= 30);
            c.check("exact").count(n -> n > 0);
            c.check("reference").count(n -> n > 0);
            c.check("reverted").count(n -> n > 0);
        });
    }

    @Property
    void isLiquidatableExactlyWhenMarginEquityIsBelowTheRequirement(
            @ForAll("freshScenarios") Scenario s, @ForAll @IntRange(min = -1, max = 1) int offset) {
        Account first = s.state().accounts().values().head();
        AssetId usd = s.state().config().settlementAsset();
        Account base = first.withBalance(usd, I256.ZERO);
        Either<Revert, AccountData> measured = reference(s.state(), base, s.block());
        if (measured.isLeft() || !measured.get().hasRisk()) {
            return;
        }
        // margin equity moves one for one with the settlement balance: put it at the requirement, or one unit off
        I256 gap = measured.get().maintenanceRequirement().minus(measured.get().marginEquity());
        Account atThreshold = base.withBalance(usd, gap.plus(I256.of(offset)));
        ProtocolState state = s.state().withAccount(atThreshold);
        KernelAccounts accounts = KernelAccounts.of(state);
        KernelResults results = HealthKernel.of(state, s.block()).evaluate(accounts);
        int i = state.accounts().keySet().toVector().indexOf(atThreshold.id());

        Either<Revert, AccountData> expected = reference(state, atThreshold, s.block());
        assertThat(results.data(i)).isEqualTo(expected);
        if (expected.isRight()) {
            assertThat(expected.get().marginEquity().minus(expected.get().maintenanceRequirement()))
                    .isEqualTo(I256.of(offset));
            assertThat(results.isLiquidatable(i)).isEqualTo(offset < 0);
        }
        Statistics.label("offset").collect(offset);
        Statistics.label("path").collect(path(accounts, results, i));
    }

    private static String path(KernelAccounts accounts, KernelResults results, int i) {
        if (accounts.reference[i]) {
            return "reference";
        }
        if (results.isReverted(i)) {
            return "reverted";
        }
        return results.tookExactPath(i) ? "exact" : "fast";
    }

    // ---- generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        return scenarios(true);
    }

    @Provide
    Arbitrary<Scenario> freshScenarios() {
        return scenarios(false);
    }

    private static Arbitrary<Scenario> scenarios(boolean badPrices) {
        Arbitrary<Integer> settlementDecimals = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(6)),
                Tuple.of(1, Arbitraries.just(18)),
                Tuple.of(1, Arbitraries.of(0, 2, 8)));
        return Combinators.combine(
                        settlementDecimals,
                        assetParams(badPrices).list().ofSize(SYMBOLS.size()),
                        marketParams().list().ofSize(MARKETS.size()),
                        accountSpec().list().ofMinSize(1).ofMaxSize(6))
                .as(HealthKernelProperties::build);
    }

    private static Arbitrary<AssetParams> assetParams(boolean badPrices) {
        Arbitrary<Wad> collateralWeight = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of("0", "0.5", "0.75", "0.8", "0.825", "0.9", "1")
                                .map(Wad::parse)),
                Tuple.of(
                        1,
                        Arbitraries.longs()
                                .between(0, 1_000_000_000_000_000_000L)
                                .map(Wad::ofRaw)));
        Arbitrary<Wad> liabilityWeight = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("1", "1.05", "1.1", "1.25").map(Wad::parse)),
                Tuple.of(
                        1,
                        Arbitraries.longs()
                                .between(1_000_000_000_000_000_000L, 3_000_000_000_000_000_000L)
                                .map(Wad::ofRaw)),
                Tuple.of(
                        1,
                        Arbitraries.of(TWO.pow(63).subtract(BigInteger.ONE), TWO.pow(64))
                                .map(b -> new Wad(I256.of(b)))));
        Arbitrary<BigInteger> price = Arbitraries.frequencyOf(
                Tuple.of(8, logUniform(6, 13)),
                Tuple.of(1, Arbitraries.of(BOUNDARIES).filter(b -> b.signum() > 0)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.ONE, TWO.pow(70))));
        Arbitrary<Integer> priceDecimals = Arbitraries.frequencyOf(
                Tuple.of(90, Arbitraries.just(8)),
                Tuple.of(4, Arbitraries.just(18)),
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.just(6)));
        Arbitrary<PriceStatus> status = badPrices
                ? Arbitraries.frequencyOf(
                        Tuple.of(94, Arbitraries.just(PriceStatus.FRESH)),
                        Tuple.of(2, Arbitraries.just(PriceStatus.STALE)),
                        Tuple.of(2, Arbitraries.just(PriceStatus.MISSING)),
                        Tuple.of(2, Arbitraries.just(PriceStatus.NON_POSITIVE)))
                : Arbitraries.just(PriceStatus.FRESH);
        return Combinators.combine(collateralWeight, liabilityWeight, price, priceDecimals, status)
                .as(AssetParams::new);
    }

    private static Arbitrary<MarketParams> marketParams() {
        Arbitrary<Wad[]> ratios = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of("0.1/0.05", "0.2/0.1", "0.05/0.03", "1/0.5", "0.0667/0.0333")
                                .map(s -> new Wad[] {Wad.parse(s.split("/")[0]), Wad.parse(s.split("/")[1])})),
                Tuple.of(
                        1,
                        Arbitraries.longs()
                                .between(1, 999_999_999_999_999_999L)
                                .flatMap(mm -> Arbitraries.longs()
                                        .between(mm + 1, 1_000_000_000_000_000_000L)
                                        .map(im -> new Wad[] {Wad.ofRaw(im), Wad.ofRaw(mm)}))));
        Arbitrary<BigInteger> index = signed(Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(BigInteger.ZERO)),
                Tuple.of(6, logUniform(18, 27)),
                Tuple.of(2, Arbitraries.of(BOUNDARIES).filter(b -> b.bitLength() <= 128))));
        Arbitrary<Long> elapsed = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 3 * 86_400)));
        Arbitrary<Option<Integer>> premium = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Option.<Integer>none())),
                Tuple.of(3, Arbitraries.integers().between(-500, 500).map(Option::some)));
        return Combinators.combine(ratios, index, elapsed, premium)
                .as((r, i, e, p) -> new MarketParams(r[0], r[1], i, e, p));
    }

    private static Arbitrary<AccountSpec> accountSpec() {
        Arbitrary<BalanceSpec> balance = Arbitraries.integers()
                .between(0, COLLATERAL_CHOICES - 1)
                .flatMap(choice -> Combinators.combine(
                                amount(choice == 0 ? 6 : DECIMALS.get(choice - 1)),
                                Arbitraries.integers().between(0, 99))
                        .as((m, r) -> new BalanceSpec(choice, m, choice - 1 == BORROWABLE ? r < 90 : r < 5)));
        Arbitrary<PositionSpec> position = Arbitraries.integers()
                .between(0, MARKETS.size() - 1)
                .flatMap(m -> Combinators.combine(
                                amount(DECIMALS.get(SYMBOLS.indexOf(UNDERLYINGS.get(m)))),
                                Arbitraries.of(true, false),
                                signed(amount(6)),
                                signed(Arbitraries.frequencyOf(
                                        Tuple.of(3, Arbitraries.just(BigInteger.ZERO)),
                                        Tuple.of(6, logUniform(18, 26)),
                                        Tuple.of(1, Arbitraries.of(BOUNDARIES)))))
                        .as((size, isShort, quote, lag) -> new PositionSpec(m, size, isShort, quote, lag)));
        return Combinators.combine(
                        balance.list().ofMinSize(0).ofMaxSize(3).uniqueElements(BalanceSpec::choice),
                        position.list().ofMinSize(0).ofMaxSize(4).uniqueElements(PositionSpec::market))
                .as(AccountSpec::new);
    }

    /** Amounts in base units of a token with {@code decimals}: realistic, boundary, or any up to 130 bits. */
    private static Arbitrary<BigInteger> amount(int decimals) {
        return Arbitraries.frequencyOf(
                Tuple.of(7, logUniform(Math.max(0, decimals - 3), decimals + 6)),
                Tuple.of(2, Arbitraries.of(BOUNDARIES)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.ZERO, TWO.pow(130))));
    }

    /** Values between {@code 10^low} and {@code 10^high}, each order of magnitude equally likely. */
    private static Arbitrary<BigInteger> logUniform(int low, int high) {
        return Arbitraries.integers()
                .between(low, high - 1)
                .flatMap(e -> Arbitraries.bigIntegers().between(BigInteger.TEN.pow(e), BigInteger.TEN.pow(e + 1)));
    }

    private static Arbitrary<BigInteger> signed(Arbitrary<BigInteger> magnitude) {
        return Combinators.combine(magnitude, Arbitraries.of(true, false)).as((m, neg) -> neg ? m.negate() : m);
    }

    // ---- building a protocol from the parameters

    private static Scenario build(
            int settlementDecimals, List<AssetParams> assets, List<MarketParams> markets, List<AccountSpec> accounts) {
        Vector<AssetConfig> assetConfigs = Vector.empty();
        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            AssetParams p = assets.get(i);
            String symbol = SYMBOLS.get(i);
            assetConfigs = assetConfigs.append(
                    KernelFixtures.asset(symbol, DECIMALS.get(i), p.collateralWeight(), p.liabilityWeight()));
            String key = symbol + "/USD";
            switch (p.status()) {
                case FRESH -> prices = prices.put(key, new OracleAnswer(I256.of(p.price()), p.priceDecimals(), NOW));
                case STALE ->
                    prices =
                            prices.put(key, new OracleAnswer(I256.of(p.price()), p.priceDecimals(), NOW - MAX_AGE - 1));
                case NON_POSITIVE ->
                    prices = prices.put(key, new OracleAnswer(I256.of(p.price()).negate(), p.priceDecimals(), NOW));
                case MISSING -> {}
            }
        }
        Vector<MarketConfig> marketConfigs = Vector.empty();
        for (int m = 0; m < MARKETS.size(); m++) {
            MarketParams p = markets.get(m);
            marketConfigs = marketConfigs.append(KernelFixtures.market(
                    MARKETS.get(m), UNDERLYINGS.get(m), p.initialMargin(), p.maintenanceMargin()));
        }
        ProtocolConfig config = KernelFixtures.config(
                KernelFixtures.settlement("USD", settlementDecimals), assetConfigs, marketConfigs);
        ProtocolState state = ProtocolState.genesis(config, NOW);
        for (int m = 0; m < MARKETS.size(); m++) {
            MarketParams p = markets.get(m);
            int underlying = SYMBOLS.indexOf(UNDERLYINGS.get(m));
            I256 oracle = I256.of(assets.get(underlying).price());
            Option<I256> lastTrade = p.premiumBps()
                    .map(bps -> I256.of(oracle.toBigInteger()
                            .multiply(BigInteger.valueOf(10_000L + bps))
                            .divide(BigInteger.valueOf(10_000))));
            state = state.withMarket(
                    MarketId.of(MARKETS.get(m)),
                    new MarketState(
                            I256.ZERO, I256.ZERO, I256.of(p.fundingIndex()), NOW - p.elapsed(), lastTrade, I256.ZERO));
        }
        for (int j = 0; j < accounts.size(); j++) {
            AccountSpec spec = accounts.get(j);
            TreeMap<AssetId, I256> balances = TreeMap.empty();
            for (BalanceSpec b : spec.balances()) {
                AssetId id = b.choice() == 0 ? config.settlementAsset() : AssetId.of(SYMBOLS.get(b.choice() - 1));
                balances = balances.put(id, I256.of(b.negative() ? b.magnitude().negate() : b.magnitude()));
            }
            TreeMap<MarketId, Position> positions = TreeMap.empty();
            for (PositionSpec p : spec.positions()) {
                MarketId id = MarketId.of(MARKETS.get(p.market()));
                I256 index = state.market(id).fundingIndex().minus(I256.of(p.indexLag()));
                I256 size = I256.of(p.isShort() ? p.size().negate() : p.size());
                positions = positions.put(id, new Position(size, I256.of(p.quote()), index));
            }
            state = state.withAccount(new Account(AccountId.of("acct-" + j), balances, positions, TreeMap.empty()));
        }
        return new Scenario(state, KernelFixtures.block(prices));
    }
}
