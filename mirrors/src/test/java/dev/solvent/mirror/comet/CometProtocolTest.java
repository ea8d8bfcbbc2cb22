package dev.solvent.mirror.comet;

import static dev.solvent.mirror.comet.CometFixture.COMET;
import static dev.solvent.mirror.comet.CometFixture.USERS;
import static dev.solvent.mirror.comet.CometFixture.exp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Quantity;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Comet mirror behind the protocol contract, on the default market of Comet's own tests (USDC base at 1 USD;
 * COMP 175, WETH 3,000, WBTC 41,000; liquidation collateral factor 1) with zero rates: an account borrowing 3,001
 * USDC against 1 WETH is liquidatable by one dollar; after its absorb the protocol holds the WETH and sells it at the
 * storefront discount while reserves are under target.
 */
class CometProtocolTest {

    private static final Address ALICE = USERS.get(1);
    private static final Address KEEPER = USERS.get(0);

    private static CometFixture market() {
        CometFixture f = CometFixture.options()
                .zeroRates()
                .storeFrontPriceFactor(exp("0.5", 18))
                .targetReserves(exp(1_000_000, 6))
                .assets(
                        CometFixture.AssetSpec.of("COMP", 18, "175"),
                        CometFixture.AssetSpec.of("USDC", 6, "1"),
                        CometFixture.AssetSpec.of("WETH", 18, "3000").liquidationFactor(exp("0.9", 18)),
                        CometFixture.AssetSpec.of("WBTC", 8, "41000"))
                .deploy();
        f.setTotalsBasic(t -> t.withTotals(t.totalSupplyBase(), exp(3_001, 6)));
        f.setBasePrincipal(ALICE, exp(3_001, 6).negate());
        f.setCollateralBalance(ALICE, "WETH", exp(1, 18));
        f.setTotalsCollateral("WETH", exp(1, 18));
        f.allocateTo("WETH", COMET, exp(1, 18));
        return f;
    }

    private static CometProtocol protocol(CometFixture f) {
        return new CometProtocol(
                Map.of("COMP", f.feed("COMP"), "USDC", f.feed("USDC"), "WETH", f.feed("WETH"), "WBTC", f.feed("WBTC")));
    }

    private static Block block(CometFixture f) {
        return Block.of(
                0,
                f.now(),
                TreeMap.of(
                        "COMP", price(175, f), "USDC", price(1, f), "WETH", price(3_000, f), "WBTC", price(41_000, f)));
    }

    private static Block.Price price(long usd, CometFixture f) {
        return new Block.Price(BigInteger.valueOf(usd), 0, f.now());
    }

    @Test
    void anUnderwaterBorrowerHasCometsHealthAndCanBeAbsorbed() {
        CometFixture f = market();
        CometProtocol p = protocol(f);
        // 1 WETH at 3,000 (factor 1) against 3,001 USDC, in 8-decimal USD
        assertThat(p.health(f.state(), ALICE.hex(), block(f)).get())
                .isEqualTo(new Health(
                        exp(3_000, 8), exp(3_001, 8), Option.some(new BigInteger("999666777740753082")), true));
        var moves = p.moves(f.state(), ALICE.hex(), KEEPER.hex(), block(f));
        assertThat(moves.map(Move::kind)).containsExactly("absorb");
        assertThat(moves.head().gain()).isEqualTo(Option.some(BigInteger.ZERO));
        CometState after =
                p.execute(f.state(), moves.head().call(), block(f)).get().state();
        assertThat(after.collateralBalanceOf(ALICE, f.token("WETH"))).isZero();
        assertThat(p.health(after, ALICE.hex(), block(f)).get().liquidatable()).isFalse();
    }

    @Test
    void absorbedCollateralIsOfferedAtTheStorefrontDiscount() {
        CometFixture f = market();
        f.ok(new CometCall.Absorb(KEEPER, KEEPER, List.of(ALICE)));
        f.allocateTo("USDC", KEEPER, exp(10_000, 6));
        CometProtocol p = protocol(f);
        // discount 0.5 * (1 - 0.9) = 5%: 1 WETH for 2,850 USDC, worth 3,000: a gain of 150 USD
        var moves = p.moves(f.state(), ALICE.hex(), KEEPER.hex(), block(f));
        assertThat(moves.map(Move::kind)).containsExactly("buyCollateral");
        assertThat(moves.head().call())
                .isEqualTo(new CometCall.BuyCollateral(KEEPER, f.token("WETH"), exp(1, 18), exp(2_850, 6), KEEPER));
        assertThat(moves.head().gain()).isEqualTo(Option.some(exp(150, 8)));
    }

    @Test
    void aKeeperIsOfferedOnlyTheCollateralItsBaseBalancePaysFor() {
        CometFixture f = market();
        f.ok(new CometCall.Absorb(KEEPER, KEEPER, List.of(ALICE)));
        CometProtocol p = protocol(f);
        assertThat(p.moves(f.state(), ALICE.hex(), KEEPER.hex(), block(f))).isEmpty();
        // 1,425 USDC buys 1,425 / 2,850 = 0.5 WETH, worth 1,500: a gain of 75 USD
        f.allocateTo("USDC", KEEPER, exp(1_425, 6));
        var moves = p.moves(f.state(), ALICE.hex(), KEEPER.hex(), block(f));
        assertThat(moves.head().call())
                .isEqualTo(new CometCall.BuyCollateral(KEEPER, f.token("WETH"), exp("0.5", 18), exp(1_425, 6), KEEPER));
        assertThat(moves.head().gain()).isEqualTo(Option.some(exp(75, 8)));
    }

    @Test
    void aCollateralOfFewDecimalsIsOfferedNoMoreThanTheProtocolHolds() {
        CometFixture f = market();
        // WBTC that Comet holds for nobody: collateral reserves, as if absorbed
        f.allocateTo("WBTC", COMET, BigInteger.valueOf(97_606_933));
        f.ok(new CometCall.Absorb(KEEPER, KEEPER, List.of(ALICE)));
        f.allocateTo("USDC", KEEPER, exp(1_000_000, 6));
        CometProtocol p = protocol(f);
        // at 41,000 USD one USDC buys about 2,500 satoshis, a quote rounded down to the satoshi: sizing the buy from
        // it asks for more WBTC than Comet holds (InsufficientReserves) unless the size is stepped back
        var buy = p.moves(f.state(), ALICE.hex(), KEEPER.hex(), block(f))
                .find(m -> m.call() instanceof CometCall.BuyCollateral c
                        && c.asset().equals(f.token("WBTC")))
                .get();
        CometCall.BuyCollateral call = (CometCall.BuyCollateral) buy.call();
        assertThat(call.minAmount()).isLessThanOrEqualTo(BigInteger.valueOf(97_606_933));
        var bought = p.execute(
                        f.state(),
                        new CometCall.TokenApprove(KEEPER, f.token("USDC"), COMET, exp(1_000_000, 6)),
                        block(f))
                .flatMap(r -> p.execute(r.state(), call, block(f)));
        assertThat(bought.isRight()).as("the buy goes through, got %s", bought).isTrue();
    }

    @Test
    void quantitiesShowTheReservesAnAbsorbSpendsAndTheCollateralItTakes() {
        CometFixture f = market();
        CometProtocol p = protocol(f);
        BigInteger reserves =
                p.quantities(f.state(), block(f)).get("reserves").get().amount();
        assertThat(p.quantities(f.state(), block(f)).get("collateral reserves WETH"))
                .isEqualTo(Option.some(new Quantity(BigInteger.ZERO, 18, "WETH", Quantity.Kind.OTHER)));
        CometState after = p.execute(f.state(), new CometCall.Absorb(KEEPER, KEEPER, List.of(ALICE)), block(f))
                .get()
                .state();
        // the 3,001 USDC of debt is written off against reserves; the 1 WETH is now the protocol's
        assertThat(p.quantities(after, block(f)).get("reserves").get())
                .isEqualTo(new Quantity(reserves.subtract(exp(3_001, 6)), 6, "USDC", Quantity.Kind.BUFFER));
        assertThat(p.quantities(after, block(f)).get("collateral reserves WETH"))
                .isEqualTo(Option.some(new Quantity(exp(1, 18), 18, "WETH", Quantity.Kind.OTHER)));
        assertThat(p.quantities(f.state(), block(f))
                        .get("accounts absorbed")
                        .get()
                        .amount())
                .isZero();
        assertThat(p.quantities(after, block(f)).get("accounts absorbed"))
                .isEqualTo(Option.some(new Quantity(BigInteger.ONE, 0, "accounts", Quantity.Kind.OTHER)));
    }
}
