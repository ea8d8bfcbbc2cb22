package dev.solvent.mirror.aave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Quantity;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Aave mirror behind the protocol contract, on a two-reserve market of the test market's parameters (LTV 82.5%,
 * liquidation threshold 86%, bonus 105%, protocol fee 10% of the bonus): Alice supplies 1 WETH at 2,000 USD and
 * borrows 1,600 USDX; WETH falls to 1,800. Worked by hand, the same in both versions: health factor 1,800 * 0.86 /
 * 1,600 = 0.9675; the position is under 2,000 USD, so the whole debt may be covered; the keeper pays 1,600 USDX for
 * 1,600 / 1,800 * 1.05 = 0.933... WETH less the treasury's fee, and gains 72 USD less rounding.
 */
class AaveProtocolTest {

    private static final Address POOL = Address.ofNumber(0xAA00);
    private static final Address ORACLE = Address.ofNumber(0xAA01);
    private static final Address USDX = Address.ofNumber(0xAA10);
    private static final Address WETH = Address.ofNumber(0xAA20);
    private static final Address OWNER = Address.ofNumber(0xAA99);
    private static final Address ALICE = Address.ofNumber(0xA11CE);
    private static final Address KEEPER = Address.ofNumber(0xBEE);
    private static final long T = 1_700_000_000L;
    private static final BigInteger MAX = Word.UINT256_MAX;

    private static BigInteger config(int decimals) {
        return BigInteger.valueOf(8250)
                .or(BigInteger.valueOf(8600).shiftLeft(16))
                .or(BigInteger.valueOf(10500).shiftLeft(32))
                .or(BigInteger.valueOf(decimals).shiftLeft(48))
                .setBit(56)
                .setBit(58)
                .or(BigInteger.valueOf(1000).shiftLeft(64))
                .or(BigInteger.valueOf(1000).shiftLeft(152))
                .setBit(252);
    }

    private static AaveState market(AaveVersion version) {
        AaveState.InterestRateData rates = new AaveState.InterestRateData(4500, 0, 400, 6000);
        Address treasury = Address.ofNumber(0xAA30);
        AaveState.Reserve usdx = AaveState.Reserve.listed(
                0,
                USDX,
                Address.ofNumber(0xAA11),
                Address.ofNumber(0xAA12),
                Address.ofNumber(0xAA13),
                treasury,
                config(6),
                rates,
                T);
        AaveState.Reserve weth = AaveState.Reserve.listed(
                1,
                WETH,
                Address.ofNumber(0xAA21),
                Address.ofNumber(0xAA22),
                Address.ofNumber(0xAA13),
                treasury,
                config(18),
                rates,
                T);
        Erc20.Kind kind = version == AaveVersion.V3_3 ? Erc20.Kind.TESTNET_OZ3 : Erc20.Kind.TESTNET_OZ5;
        AaveState s = AaveState.create(
                version,
                POOL,
                ORACLE,
                List.of(usdx, weth),
                List.of(),
                List.of(Erc20.create(USDX, kind, OWNER, 6), Erc20.create(WETH, kind, OWNER, 18)));
        AaveBlock b = AaveBlock.of(T, Map.of(USDX, usd(1), WETH, usd(2_000)));
        BigInteger usdc = BigInteger.TEN.pow(6);
        BigInteger ether = BigInteger.TEN.pow(18);
        for (AaveCall call : List.<AaveCall>of(
                new AaveCall.TokenMint(OWNER, USDX, KEEPER, usdc.multiply(BigInteger.valueOf(100_000))),
                new AaveCall.TokenApprove(KEEPER, USDX, POOL, MAX),
                new AaveCall.Supply(KEEPER, USDX, usdc.multiply(BigInteger.valueOf(50_000)), KEEPER, 0),
                new AaveCall.TokenMint(OWNER, WETH, ALICE, ether),
                new AaveCall.TokenApprove(ALICE, WETH, POOL, MAX),
                new AaveCall.Supply(ALICE, WETH, ether, ALICE, 0),
                new AaveCall.Borrow(ALICE, USDX, usdc.multiply(BigInteger.valueOf(1_600)), BigInteger.TWO, 0, ALICE))) {
            s = Aave.execute(s, call, b)
                    .getOrElseThrow(r -> new AssertionError(call + " reverted: " + r))
                    .state();
        }
        return s;
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.valueOf(100_000_000L));
    }

    private static Block block(long wethUsd) {
        return Block.of(
                1,
                T,
                TreeMap.of(
                        "USDX",
                        new Block.Price(BigInteger.ONE, 0, T),
                        "WETH",
                        new Block.Price(BigInteger.valueOf(wethUsd), 0, T)));
    }

    private static AaveProtocol protocol(AaveVersion version) {
        return new AaveProtocol(version, Map.of("USDX", USDX, "WETH", WETH));
    }

    @ParameterizedTest
    @EnumSource(AaveVersion.class)
    void healthIsThePoolsOwnAndASafeAccountHasNoMoves(AaveVersion version) {
        AaveProtocol p = protocol(version);
        AaveState s = market(version);
        // at 2,000: 2,000 * 0.86 / 1,600 = 1.075
        assertThat(p.health(s, ALICE.hex(), block(2_000)).get())
                .isEqualTo(
                        new Health(usd(1_720), usd(1_600), Option.some(new BigInteger("1075000000000000000")), false));
        assertThat(p.moves(s, ALICE.hex(), KEEPER.hex(), block(2_000))).isEmpty();
        assertThat(p.accounts(s)).containsExactly(KEEPER.hex(), ALICE.hex());
        assertThat(p.name()).isEqualTo(version == AaveVersion.V3_3 ? "aave-v3.3" : "aave-v3.7");
    }

    @ParameterizedTest
    @EnumSource(AaveVersion.class)
    void anUnderwaterAccountOffersLiquidationsWithTheirGainAndTheBestOneGoesThrough(AaveVersion version) {
        AaveProtocol p = protocol(version);
        AaveState s = market(version);
        Block crash = block(1_800);
        Health h = p.health(s, ALICE.hex(), crash).get();
        assertThat(h.ratio()).isEqualTo(Option.some(new BigInteger("967500000000000000")));
        assertThat(h.liquidatable()).isTrue();
        var moves = p.moves(s, ALICE.hex(), KEEPER.hex(), crash);
        // WETH for USDX, as underlying and as aTokens: 928888888888888888 WETH (v3.7 rounds the fee up: ...887)
        // worth 1,671.99999999 USD for 1,600 USD of debt; both gain 71.99999999 USD
        assertThat(moves.map(Move::kind)).containsExactly("liquidationCall", "liquidationCall");
        assertThat(moves.map(m -> m.gain().get())).containsOnly(BigInteger.valueOf(7_199_999_999L));
        AaveCall best = moves.head().call();
        assertThat(best).isEqualTo(new AaveCall.LiquidationCall(KEEPER, WETH, USDX, ALICE, MAX, false));
        AaveState after = p.execute(s, best, crash).get().state();
        BigInteger received = after.tokens().get(WETH).get().balanceOf(KEEPER);
        assertThat(received)
                .isEqualTo(new BigInteger(version == AaveVersion.V3_3 ? "928888888888888888" : "928888888888888887"));
        assertThat(p.health(after, ALICE.hex(), crash).get().debt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(AaveVersion.class)
    void quantitiesAreEachReservesDeficitWhichALiquidationThatLeavesNoCollateralFills(AaveVersion version) {
        AaveProtocol p = protocol(version);
        AaveState s = market(version);
        assertThat(p.quantities(s, block(2_000)))
                .isEqualTo(TreeMap.of(
                        "deficit USDX", new Quantity(BigInteger.ZERO, 6, "USDX", Quantity.Kind.LOSS),
                        "deficit WETH", new Quantity(BigInteger.ZERO, 18, "WETH", Quantity.Kind.LOSS)));
        // at 1,500 the 1 WETH is worth 1,500 USD against 1,600 USDX: the liquidation takes all of it for
        // 1,500 / 1.05 = 1,428.571428... USDX of debt, rounded up to 1,428.571429, and the 171.428571 USDX left has
        // nothing behind it
        Block crash = block(1_500);
        AaveState after = p.execute(
                        s, p.moves(s, ALICE.hex(), KEEPER.hex(), crash).head().call(), crash)
                .get()
                .state();
        assertThat(p.quantities(after, crash).get("deficit USDX").get())
                .isEqualTo(new Quantity(BigInteger.valueOf(171_428_571), 6, "USDX", Quantity.Kind.LOSS));
        assertThat(p.quantities(after, crash).get("deficit WETH").get().amount())
                .isZero();
    }
}
