package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.Word;
import dev.solvent.model.protocol.Assessment;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Margins;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.model.protocol.Rejected;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The Aave mirror behind the protocol contract. Prices in a {@link Block} are named by asset symbol and become the
 * 8-decimal answers the Pool's oracle reads. Health is the Pool's own: collateral weighted by the average
 * liquidation threshold and debt in base currency (USD, 8 decimals), the health factor as the ratio. The moves are
 * {@code liquidationCall} for every pair of the borrower's collateral and debt reserves, each way of receiving the
 * collateral, with the whole allowed debt covered; the gain of each is found by running it on the mirror.
 */
public final class AaveProtocol implements Protocol<AaveState, AaveCall> {

    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private final AaveVersion version;
    private final LinkedHashMap<String, Address> assets;

    /**
     * @param version the version the states follow
     * @param assets each price name of the blocks and the reserve's underlying it prices, e.g. {@code "WETH"}
     */
    public AaveProtocol(AaveVersion version, java.util.Map<String, Address> assets) {
        this.version = Objects.requireNonNull(version, "version");
        this.assets = LinkedHashMap.ofAll(assets);
    }

    @Override
    public String name() {
        return version == AaveVersion.V3_3 ? "aave-v3.3" : "aave-v3.7";
    }

    @Override
    public String valueUnit() {
        return "USD, 8 decimals (Aave's base currency)";
    }

    /** {@return the Pool's block: the answers of {@code block} named by this protocol's assets, at 8 decimals} */
    public AaveBlock block(Block block) {
        Map<Address, BigInteger> answers = HashMap.empty();
        for (Tuple2<String, Address> a : assets) {
            Option<Block.Price> p = block.price(a._1());
            if (p.isDefined()) {
                answers = answers.put(a._2(), p.get().scaledTo(8));
            }
        }
        return new AaveBlock(block.timestamp(), answers);
    }

    @Override
    public Either<Rejected, Executed<AaveState>> execute(AaveState state, AaveCall call, Block block) {
        return Aave.execute(state, call, block(block))
                .<Rejected>mapLeft(Rejected::of)
                .map(r -> new Executed<>(r.state(), Vector.empty()));
    }

    @Override
    public Seq<String> accounts(AaveState state) {
        return state.userConfig()
                .filter(e -> e._2().signum() != 0)
                .keySet()
                .toVector()
                .map(Address::hex)
                .sorted();
    }

    @Override
    public Either<Rejected, Health> health(AaveState state, String account, Block block) {
        return AaveViews.userAccountData(state, block(block), Address.of(account))
                .<Rejected>mapLeft(Rejected::of)
                .map(d -> {
                    BigInteger weighted = d.totalCollateralBase()
                            .multiply(d.currentLiquidationThreshold())
                            .divide(AaveMath.PERCENTAGE_FACTOR);
                    boolean noDebt = d.totalDebtBase().signum() == 0;
                    return new Health(
                            weighted,
                            d.totalDebtBase(),
                            noDebt ? Option.none() : Option.some(d.healthFactor()),
                            !noDebt && d.healthFactor().compareTo(WAD) < 0);
                });
    }

    /**
     * {@inheritDoc} The margin follows {@link Margins}: {@code X} is the sum over the account's collateral of its
     * scaled aToken balance times the normalized income over {@code RAY}, times the price over the asset's unit, times
     * its liquidation threshold over 10,000; {@code Y} the sum over its debt of the scaled debt times the normalized
     * debt over {@code RAY}, times the price over the unit. The health's collateral {@code C} ({@code
     * totalCollateralBase * avgLT / 10^4}, where {@code avgLT} is the average rounded down) is at most {@code X}
     * plus {@code price / unit} per asset (a balance read half up or down is within one base unit of the real one,
     * worth at most {@code price / unit}); its debt {@code D} is at least {@code Y} less the same. At a later block,
     * {@code percentMul(totalCollateralBase, avgLT)} (v3.3) and the weighted sum over 10^4 (v3.7) are at least {@code
     * X'} less {@code totalCollateralBase' / 10^4} (the average's rounding) less {@code price' / unit + 1} per asset
     * less 1, and the debt at most {@code Y'} plus {@code price' / unit + 1} per asset; the health factor is at least
     * 1 when the first is at least the second. With every factor in {@code [1/2, 2]}, {@code totalCollateralBase'}
     * is at most twice {@code totalCollateralBase} plus one unit of value per asset and {@code price'} at most twice
     * {@code price} (indices only grow), so {@code E = 2 totalCollateralBase / 10^4 + sum (2 price / unit + 4) + 2}
     * over every reserve bounds all of these.
     */
    @Override
    public Either<Rejected, Assessment> assess(AaveState state, String account, Block block) {
        AaveBlock b = block(block);
        return AaveViews.userAccountData(state, b, Address.of(account))
                .<Rejected>mapLeft(Rejected::of)
                .map(d -> {
                    BigInteger weighted = d.totalCollateralBase()
                            .multiply(d.currentLiquidationThreshold())
                            .divide(AaveMath.PERCENTAGE_FACTOR);
                    boolean noDebt = d.totalDebtBase().signum() == 0;
                    boolean liquidatable = !noDebt && d.healthFactor().compareTo(WAD) < 0;
                    Health h = new Health(
                            weighted,
                            d.totalDebtBase(),
                            noDebt ? Option.none() : Option.some(d.healthFactor()),
                            liquidatable);
                    if (liquidatable || (!noDebt && weighted.signum() == 0)) {
                        return Assessment.unbounded(h);
                    }
                    BigInteger error = d.totalCollateralBase()
                            .shiftLeft(1)
                            .divide(AaveMath.PERCENTAGE_FACTOR)
                            .add(BigInteger.valueOf(3));
                    for (AaveState.Reserve r : state.reserves()) {
                        BigInteger price = b.answers().get(r.asset()).getOrElse(BigInteger.ZERO);
                        error = error.add(price.shiftLeft(1)
                                        .divide(AaveMath.pow10(r.config().decimals())))
                                .add(BigInteger.valueOf(5));
                    }
                    return new Assessment(h, Margins.margin(weighted, d.totalDebtBase(), error));
                });
    }

    /**
     * {@inheritDoc} Over every reserve: the collateral factor is the least ratio of price times normalized income,
     * the debt factor the greatest ratio of price times normalized debt, each in {@code [1/2, 2]}; none when the
     * version, a reserve's configuration or an eMode category changed, or a price is missing.
     */
    @Override
    public Option<BigInteger> drift(AaveState then, Block thenBlock, AaveState now, Block nowBlock) {
        if (then.version() != now.version()
                || then.reserves().size() != now.reserves().size()
                || !then.eModeCategories().equals(now.eModeCategories())) {
            return Option.none();
        }
        AaveMachine m0 = new AaveMachine(then, block(thenBlock));
        AaveMachine m1 = new AaveMachine(now, block(nowBlock));
        BigInteger phi = Margins.WAD.shiftLeft(1);
        BigInteger psi = Margins.WAD.shiftRight(1);
        try {
            for (int i = 0; i < then.reserves().size(); i++) {
                AaveState.Reserve r0 = then.reserves().get(i);
                AaveState.Reserve r1 = now.reserves().get(i);
                if (!r0.asset().equals(r1.asset()) || !r0.configuration().equals(r1.configuration())) {
                    return Option.none();
                }
                BigInteger p0 = m0.price(r0.asset());
                BigInteger p1 = m1.price(r1.asset());
                Option<BigInteger> income =
                        Margins.factorDown(p1.multiply(m1.normalizedIncome(i)), p0.multiply(m0.normalizedIncome(i)));
                Option<BigInteger> debt =
                        Margins.factorUp(p1.multiply(m1.normalizedDebt(i)), p0.multiply(m0.normalizedDebt(i)));
                if (income.isEmpty()
                        || debt.isEmpty()
                        || !Margins.inDomain(income.get())
                        || !Margins.inDomain(debt.get())) {
                    return Option.none();
                }
                phi = phi.min(income.get());
                psi = psi.max(debt.get());
            }
        } catch (RevertException e) {
            return Option.none();
        }
        return Margins.drift(phi, psi);
    }

    @Override
    public Seq<Move<AaveCall>> moves(AaveState state, String account, String keeper, Block block) {
        AaveBlock b = block(block);
        Address user = Address.of(account);
        Address by = Address.of(keeper);
        boolean liquidatable =
                health(state, account, block).map(Health::liquidatable).getOrElse(false);
        if (!liquidatable) {
            return Vector.empty();
        }
        BigInteger config = state.userConfigOf(user);
        Vector<Move<AaveCall>> moves = Vector.empty();
        for (AaveState.Reserve collateral : state.reserves()) {
            if (!config.testBit(2 * collateral.id() + 1)) {
                continue;
            }
            for (AaveState.Reserve debt : state.reserves()) {
                if (!config.testBit(2 * debt.id())) {
                    continue;
                }
                for (boolean receiveAToken : new boolean[] {false, true}) {
                    AaveCall call = new AaveCall.LiquidationCall(
                            by, collateral.asset(), debt.asset(), user, Word.UINT256_MAX, receiveAToken);
                    Option<BigInteger> gain = gain(state, b, call, collateral, debt);
                    if (gain.isDefined()) {
                        moves = moves.append(new Move<>(
                                "liquidationCall",
                                call,
                                gain,
                                "liquidationCall of " + account + ": " + symbol(collateral.asset()) + " for "
                                        + symbol(debt.asset()) + (receiveAToken ? ", as aTokens" : "")));
                    }
                }
            }
        }
        return moves.sortBy(m -> m.gain().get().negate());
    }

    /**
     * What the liquidation would gain the keeper at the block's prices: the collateral the borrower loses less the
     * treasury's fee, less the debt repaid. Run on a copy of the state in which the keeper holds and has approved
     * enough of the debt asset; empty if the call reverts.
     */
    private Option<BigInteger> gain(
            AaveState state, AaveBlock block, AaveCall call, AaveState.Reserve collateral, AaveState.Reserve debt) {
        AaveCall.LiquidationCall l = (AaveCall.LiquidationCall) call;
        Erc20 token = state.tokens().get(debt.asset()).getOrNull();
        if (token == null) {
            return Option.none();
        }
        BigInteger plenty = BigInteger.ONE.shiftLeft(200);
        Erc20 funded = new Erc20(
                token.address(),
                token.kind(),
                token.owner(),
                token.decimals(),
                token.totalSupply().add(plenty),
                token.balances().put(l.sender(), token.balanceOf(l.sender()).add(plenty)),
                token.allowances().put(new Tuple2<>(l.sender(), state.pool()), Word.UINT256_MAX));
        AaveState copy = new AaveState(
                state.version(),
                state.pool(),
                state.oracle(),
                state.umbrella(),
                state.reserves(),
                state.eModeCategories(),
                state.userConfig(),
                state.userEMode(),
                state.tokens().put(debt.asset(), funded));
        var result = Aave.execute(copy, call, block);
        if (result.isLeft()) {
            return Option.none();
        }
        AaveState after = result.get().state();
        BigInteger paid = funded.balanceOf(l.sender())
                .subtract(after.tokens().get(debt.asset()).get().balanceOf(l.sender()));
        BigInteger received = l.receiveAToken()
                ? balance(after, block, collateral.aToken(), l.sender())
                        .subtract(balance(copy, block, collateral.aToken(), l.sender()))
                : after.tokens()
                        .get(collateral.asset())
                        .get()
                        .balanceOf(l.sender())
                        .subtract(copy.tokens().get(collateral.asset()).get().balanceOf(l.sender()));
        if (collateral.asset().equals(debt.asset()) && !l.receiveAToken()) {
            // the same token was paid and received: the difference above already nets them
            paid = BigInteger.ZERO;
        }
        return Option.some(value(block, collateral, received).subtract(value(block, debt, paid)));
    }

    private static BigInteger balance(AaveState s, AaveBlock block, Address token, Address holder) {
        return AaveViews.call(s, block, token, "balanceOf(address)", java.util.List.of(holder))
                .map(v -> (BigInteger) v.get(0))
                .getOrElse(BigInteger.ZERO);
    }

    private static BigInteger value(AaveBlock block, AaveState.Reserve r, BigInteger amount) {
        BigInteger price = block.answers().get(r.asset()).getOrElse(BigInteger.ZERO);
        return amount.multiply(price).divide(BigInteger.TEN.pow(r.config().decimals()));
    }

    private String symbol(Address asset) {
        return assets.find(e -> e._2().equals(asset)).map(Tuple2::_1).getOrElse(asset.hex());
    }

    /** {@return per asset, the underlying its aToken holds: the reserve's real liquidity} */
    @Override
    public SortedMap<String, BigInteger> totals(AaveState state, Block block) {
        TreeMap<String, BigInteger> totals = TreeMap.empty();
        for (AaveState.Reserve r : state.reserves()) {
            BigInteger held = state.tokens()
                    .get(r.asset())
                    .map(t -> t.balanceOf(r.aToken()))
                    .getOrElse(BigInteger.ZERO);
            totals = totals.put(symbol(r.asset()), held);
        }
        return totals;
    }

    /**
     * {@return each reserve's deficit ({@code getReserveDeficit}: debt that liquidations wrote off because no
     * collateral was left behind it, v3.3 onwards), named {@code deficit SYMBOL}, in the reserve's own units}
     */
    @Override
    public SortedMap<String, Quantity> quantities(AaveState state, Block block) {
        TreeMap<String, Quantity> out = TreeMap.empty();
        for (AaveState.Reserve r : state.reserves()) {
            String symbol = symbol(r.asset());
            out = out.put(
                    "deficit " + symbol, new Quantity(r.deficit(), r.config().decimals(), symbol, Quantity.Kind.LOSS));
        }
        return out;
    }
}
