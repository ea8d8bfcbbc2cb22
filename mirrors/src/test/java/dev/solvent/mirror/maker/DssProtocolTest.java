package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssFixture.ALI;
import static dev.solvent.mirror.maker.DssFixture.CLIP;
import static dev.solvent.mirror.maker.DssFixture.ME;
import static dev.solvent.mirror.maker.DssFixture.PIP;
import static dev.solvent.mirror.maker.DssFixture.RAD;
import static dev.solvent.mirror.maker.DssFixture.WAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Move;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Maker mirror behind the protocol contract, on clip.t.sol's set-up ({@link DssFixture#clipTest()}): a vault of
 * 40 gold and 100 DAI, gold at 4 DAI with a 200% liquidation ratio (spot 2), so 80 DAI of collateral at spot against
 * 100 DAI of debt.
 */
class DssProtocolTest {

    private final DssProtocol protocol = new DssProtocol(Map.of("GOLD", PIP));
    private final String vault = DssProtocol.account("gold", ME);

    private static Block block(DssFixture f) {
        return Block.of(0, f.now(), TreeMap.of("GOLD", new Block.Price(BigInteger.valueOf(4), 0, f.now())));
    }

    @Test
    void anUnsafeVaultHasTheVatsHealthAndOffersABark() {
        DssFixture f = DssFixture.clipTest();
        Health h = protocol.health(f.state(), vault, block(f)).get();
        // 40 * 2 = 80 DAI against 100 DAI, in RAD; 80 / 100 = 0.8
        assertThat(h)
                .isEqualTo(new Health(
                        RAD.multiply(BigInteger.valueOf(80)),
                        RAD.multiply(BigInteger.valueOf(100)),
                        Option.some(new BigInteger("800000000000000000")),
                        true));
        var moves = protocol.moves(f.state(), vault, ALI.hex(), block(f));
        // the set-up leaves chip and tip at 0: a bark pays its keeper nothing
        assertThat(moves.map(Move::kind)).containsExactly("bark");
        assertThat(moves.head().gain()).isEqualTo(Option.some(BigInteger.ZERO));
        var after =
                protocol.execute(f.state(), moves.head().call(), block(f)).get().state();
        assertThat(after.clippers().get(CLIP).get().kicks()).isEqualTo(BigInteger.ONE);
        // the vault holds nothing now, but its collateral is on sale: it stays listed (so a keeper loop reaches the
        // auction) and liquidatable until the sale ends; the set-up files no price curve, so no take has a price yet
        assertThat(after.vat().urn("gold", ME)).isEqualTo(DssState.Urn.NONE);
        assertThat(protocol.accounts(after)).containsExactly(vault);
        assertThat(protocol.health(after, vault, block(f)).get())
                .isEqualTo(new Health(BigInteger.ZERO, BigInteger.ZERO, Option.none(), true));
        assertThat(protocol.moves(after, vault, ALI.hex(), block(f))).isEmpty();
    }

    @Test
    void aLiveSaleOffersATakeOfTheWholeLotAtTheCurrentPrice() {
        DssFixture f = DssFixture.clipTest();
        f.takeSetup();
        // auction 1: 40 gold for a tab of 110 DAI, starting at 5 DAI a gold (buf 125% of 4)
        var moves = protocol.moves(f.state(), vault, ALI.hex(), block(f));
        assertThat(moves.map(Move::kind)).containsExactly("take");
        assertThat(moves.head().call())
                .isEqualTo(new DssCall.Take(
                        ALI,
                        CLIP,
                        BigInteger.ONE,
                        WAD.multiply(BigInteger.valueOf(40)),
                        BigInteger.TEN.pow(27).multiply(BigInteger.valueOf(5)),
                        ALI));
        // ali's 1000 DAI pay for the whole lot at 5 (200 DAI), but the Clipper takes at most the 110 DAI tab: owe 110,
        // slice 110 / 5 = 22 gold, worth 88 DAI at the pip's 4: a gain of -22 DAI (buf 125% starts above the market)
        assertThat(moves.head().gain()).isEqualTo(Option.some(RAD.multiply(BigInteger.valueOf(-22))));
        assertThat(protocol.execute(f.state(), moves.head().call(), block(f)).isRight())
                .isTrue();
    }

    @Test
    void quantitiesShowTheDebtABarkGrabsIntoTheVow() {
        DssFixture f = DssFixture.clipTest();
        var before = protocol.quantities(f.state(), block(f));
        assertThat(before.keySet())
                .containsExactly("Ash", "Dirt", "Sin", "Vow sin", "auction proceeds", "debt", "uncovered", "vice");
        var after = protocol.quantities(
                protocol.execute(
                                f.state(),
                                protocol.moves(f.state(), vault, ALI.hex(), block(f))
                                        .head()
                                        .call(),
                                block(f))
                        .get()
                        .state(),
                block(f));
        // the vault's 100 DAI of debt moves to the Vow as sin and unbacked vice; the auction's tab (chop 110%) is
        // Dirt
        BigInteger hundred = RAD.multiply(BigInteger.valueOf(100));
        assertThat(after.get("vice")
                        .get()
                        .amount()
                        .subtract(before.get("vice").get().amount()))
                .isEqualTo(hundred);
        assertThat(after.get("Sin")
                        .get()
                        .amount()
                        .subtract(before.get("Sin").get().amount()))
                .isEqualTo(hundred);
        assertThat(after.get("Dirt").get())
                .isEqualTo(new dev.solvent.model.protocol.Quantity(
                        RAD.multiply(BigInteger.valueOf(110)),
                        45,
                        "DAI",
                        dev.solvent.model.protocol.Quantity.Kind.OTHER));
    }

    @Test
    void aStaleSpotOffersAPokeThatOpensTheBark() {
        DssFixture f = DssFixture.clipTest();
        // the Vat's spot back at 2.5 (gold at 5): 40 x 2.5 = 100 DAI covers the debt, the Vat calls the vault safe
        f.pokePip(PIP, WAD.multiply(BigInteger.valueOf(5)));
        f.call(DssFixture.poke("gold"));
        // the block's gold is 4: a poke would set spot 2, so the health is read at 80 against 100, liquidatable
        Health h = protocol.health(f.state(), vault, block(f)).get();
        assertThat(h.collateral()).isEqualTo(RAD.multiply(BigInteger.valueOf(80)));
        assertThat(h.liquidatable()).isTrue();
        var moves = protocol.moves(f.state(), vault, ALI.hex(), block(f));
        assertThat(moves.map(Move::kind)).containsExactly("poke");
        assertThat(moves.head().gain()).isEqualTo(Option.some(BigInteger.ZERO));
        var poked =
                protocol.execute(f.state(), moves.head().call(), block(f)).get().state();
        assertThat(protocol.moves(poked, vault, ALI.hex(), block(f)).map(Move::kind))
                .containsExactly("bark");
    }

    @Test
    void aSalePastItsTailOffersARedoAndNoTake() {
        DssFixture f = DssFixture.clipTest();
        f.auctionResetSetup(3600);
        // tail is one hour: past it the sale needs a redo, and no take is offered
        f.warp(f.now() + 3601);
        var moves = protocol.moves(f.state(), vault, ALI.hex(), block(f));
        assertThat(moves.map(Move::kind)).containsExactly("redo");
        // the set-up leaves tip and chip at 0: a redo pays nothing, and after it the sale can be taken again
        assertThat(moves.head().gain()).isEqualTo(Option.some(BigInteger.ZERO));
        var redone =
                protocol.execute(f.state(), moves.head().call(), block(f)).get().state();
        assertThat(protocol.moves(redone, vault, ALI.hex(), block(f)).map(Move::kind))
                .containsExactly("take");
    }

    @Test
    void aKeeperIsAnAddressOrAVaultNameWithItsAddress() {
        DssFixture f = DssFixture.clipTest();
        assertThat(protocol.moves(f.state(), vault, DssProtocol.account("gold", ALI), block(f)))
                .isEqualTo(protocol.moves(f.state(), vault, ALI.hex(), block(f)));
    }
}
