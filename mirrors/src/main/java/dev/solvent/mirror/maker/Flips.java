package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssMath.TWO_255;
import static dev.solvent.mirror.maker.DssMath.WAD;
import static dev.solvent.mirror.maker.DssMath.add;
import static dev.solvent.mirror.maker.DssMath.div;
import static dev.solvent.mirror.maker.DssMath.empty;
import static dev.solvent.mirror.maker.DssMath.min;
import static dev.solvent.mirror.maker.DssMath.mul;
import static dev.solvent.mirror.maker.DssMath.require;
import static dev.solvent.mirror.maker.DssMath.sub;
import static dev.solvent.mirror.maker.DssMath.truncate;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.maker.DssState.Bid;
import dev.solvent.mirror.maker.DssState.Cat;
import dev.solvent.mirror.maker.DssState.CatIlk;
import dev.solvent.mirror.maker.DssState.Flipper;
import dev.solvent.mirror.maker.DssState.Urn;
import dev.solvent.mirror.maker.DssState.VatIlk;
import java.math.BigInteger;

/**
 * The liquidation system of March 2020: the Cat's {@code bite} and the Flipper's English auctions ({@code tend} up to
 * the tab, then {@code dent} down in collateral), following {@code cat.sol} and {@code flip.sol} at {@code
 * makerdao/dss@fa4f6630}. A lot can go for a bid of one wei of DAI when nobody else bids before {@code ttl} runs out.
 */
final class Flips {

    private static final BigInteger UINT48 = BigInteger.ONE.shiftLeft(48);

    private Flips() {}

    static void bite(DssMachine m, String ilk, Address urnAddress) {
        VatIlk vatIlk = m.vat().ilk(ilk);
        BigInteger rate = vatIlk.rate();
        BigInteger spot = vatIlk.spot();
        BigInteger dust = vatIlk.dust();
        Urn urn = m.vat().urn(ilk, urnAddress);
        BigInteger ink = urn.ink();
        BigInteger art = urn.art();
        Cat cat = m.cat();
        require(cat.live(), "Cat/not-live");
        require(spot.signum() > 0 && mul(ink, spot).compareTo(mul(art, rate)) < 0, "Cat/not-unsafe");
        CatIlk milk = cat.ilk(ilk);
        BigInteger room = sub(cat.box(), cat.litter());
        require(cat.litter().compareTo(cat.box()) < 0 && room.compareTo(dust) >= 0, "Cat/liquidation-limit-hit");
        BigInteger dart = min(art, div(div(mul(min(milk.dunk(), room), WAD), rate), milk.chop()));
        BigInteger dink = min(ink, div(mul(ink, dart), art));
        require(dart.signum() > 0 && dink.signum() > 0, "Cat/null-auction");
        require(dart.compareTo(TWO_255) <= 0 && dink.compareTo(TWO_255) <= 0, "Cat/overflow");
        m.grab(cat.address(), ilk, urnAddress, cat.address(), cat.vow(), dink.negate(), dart.negate());
        if (!cat.vow().equals(m.vow().address())) {
            throw empty();
        }
        m.fess(cat.address(), mul(dart, rate));
        BigInteger tab = mul(mul(dart, rate), milk.chop()).divide(WAD);
        m.putCat(DssMachine.withLitter(m.cat(), add(m.cat().litter(), tab)));
        BigInteger id = kick(m, cat.address(), milk.flip(), urnAddress, cat.vow(), tab, dink, BigInteger.ZERO);
        m.log(cat.address(), "Bite", Bytes32.of(ilk), urnAddress, dink, dart, mul(dart, rate), milk.flip(), id);
    }

    private static Flipper withBids(Flipper f, BigInteger kicks, io.vavr.collection.Map<BigInteger, Bid> bids) {
        return new Flipper(f.address(), f.wards(), f.ilk(), f.vat(), f.cat(), f.beg(), f.ttl(), f.tau(), kicks, bids);
    }

    /** flip.sol's {@code add(uint48, uint48)}: wraps at 2^48, then requires no wrap. */
    private static BigInteger add48(BigInteger x, BigInteger y) {
        BigInteger z = x.add(y).mod(UINT48);
        require(z.compareTo(x) >= 0);
        return z;
    }

    static BigInteger kick(
            DssMachine m,
            Address sender,
            Address flip,
            Address usr,
            Address gal,
            BigInteger tab,
            BigInteger lot,
            BigInteger bid) {
        Flipper f = m.flipper(flip);
        Admin.auth(f.wards(), sender, "Flipper");
        require(
                f.kicks().compareTo(DssMath.uint(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) < 0,
                "Flipper/overflow");
        BigInteger id = f.kicks().add(BigInteger.ONE);
        BigInteger end = add48(truncate(m.time(), 48), f.tau());
        Bid b = new Bid(bid, lot, sender, BigInteger.ZERO, end, usr, gal, tab);
        m.putFlipper(withBids(f, id, f.bids().put(id, b)));
        m.flux(f.address(), f.ilk(), sender, f.address(), lot);
        m.log(f.address(), "Kick", id, lot, bid, tab, usr, gal);
        return id;
    }

    static void tick(DssMachine m, Address flip, BigInteger id) {
        Flipper f = m.flipper(flip);
        Bid b = f.bid(id);
        require(b.end().compareTo(m.time()) < 0, "Flipper/not-finished");
        require(b.tic().signum() == 0, "Flipper/bid-already-placed");
        BigInteger end = add48(truncate(m.time(), 48), f.tau());
        m.putFlipper(withBids(
                f,
                f.kicks(),
                f.bids().put(id, new Bid(b.bid(), b.lot(), b.guy(), b.tic(), end, b.usr(), b.gal(), b.tab()))));
    }

    private static void live(DssMachine m, Bid b) {
        require(!b.guy().isZero(), "Flipper/guy-not-set");
        require(b.tic().compareTo(m.time()) > 0 || b.tic().signum() == 0, "Flipper/already-finished-tic");
        require(b.end().compareTo(m.time()) > 0, "Flipper/already-finished-end");
    }

    static void tend(DssMachine m, Address sender, Address flip, BigInteger id, BigInteger lot, BigInteger bid) {
        Flipper f = m.flipper(flip);
        Bid b = f.bid(id);
        live(m, b);
        require(lot.equals(b.lot()), "Flipper/lot-not-matching");
        require(bid.compareTo(b.tab()) <= 0, "Flipper/higher-than-tab");
        require(bid.compareTo(b.bid()) > 0, "Flipper/bid-not-higher");
        require(
                mul(bid, WAD).compareTo(mul(f.beg(), b.bid())) >= 0 || bid.equals(b.tab()),
                "Flipper/insufficient-increase");
        Address guy = b.guy();
        if (!sender.equals(guy)) {
            m.move(f.address(), sender, guy, b.bid());
            guy = sender;
        }
        m.move(f.address(), sender, b.gal(), bid.subtract(b.bid()));
        BigInteger tic = add48(truncate(m.time(), 48), f.ttl());
        Flipper now = m.flipper(flip);
        m.putFlipper(withBids(
                now,
                now.kicks(),
                now.bids().put(id, new Bid(bid, b.lot(), guy, tic, b.end(), b.usr(), b.gal(), b.tab()))));
    }

    static void dent(DssMachine m, Address sender, Address flip, BigInteger id, BigInteger lot, BigInteger bid) {
        Flipper f = m.flipper(flip);
        Bid b = f.bid(id);
        live(m, b);
        require(bid.equals(b.bid()), "Flipper/not-matching-bid");
        require(bid.equals(b.tab()), "Flipper/tend-not-finished");
        require(lot.compareTo(b.lot()) < 0, "Flipper/lot-not-lower");
        require(mul(f.beg(), lot).compareTo(mul(b.lot(), WAD)) <= 0, "Flipper/insufficient-decrease");
        Address guy = b.guy();
        if (!sender.equals(guy)) {
            m.move(f.address(), sender, guy, bid);
            guy = sender;
        }
        m.flux(f.address(), f.ilk(), f.address(), b.usr(), b.lot().subtract(lot));
        BigInteger tic = add48(truncate(m.time(), 48), f.ttl());
        Flipper now = m.flipper(flip);
        m.putFlipper(withBids(
                now,
                now.kicks(),
                now.bids().put(id, new Bid(b.bid(), lot, guy, tic, b.end(), b.usr(), b.gal(), b.tab()))));
    }

    static void deal(DssMachine m, Address flip, BigInteger id) {
        Flipper f = m.flipper(flip);
        Bid b = f.bid(id);
        require(
                b.tic().signum() != 0
                        && (b.tic().compareTo(m.time()) < 0 || b.end().compareTo(m.time()) < 0),
                "Flipper/not-finished");
        claw(m, f, b.tab());
        m.flux(f.address(), f.ilk(), f.address(), b.guy(), b.lot());
        Flipper now = m.flipper(flip);
        m.putFlipper(withBids(now, now.kicks(), now.bids().remove(id)));
    }

    static void yank(DssMachine m, Address sender, Address flip, BigInteger id) {
        Flipper f = m.flipper(flip);
        Admin.auth(f.wards(), sender, "Flipper");
        Bid b = f.bid(id);
        require(!b.guy().isZero(), "Flipper/guy-not-set");
        require(b.bid().compareTo(b.tab()) < 0, "Flipper/already-dent-phase");
        claw(m, f, b.tab());
        m.flux(f.address(), f.ilk(), f.address(), sender, b.lot());
        m.move(f.address(), sender, b.guy(), b.bid());
        Flipper now = m.flipper(flip);
        m.putFlipper(withBids(now, now.kicks(), now.bids().remove(id)));
    }

    /** {@code cat.claw(tab)} as the Flipper: the Cat at {@code f.cat} must have it as a ward. */
    private static void claw(DssMachine m, Flipper f, BigInteger tab) {
        if (!f.cat().equals(m.cat().address())) {
            throw empty();
        }
        m.catAuth(f.address());
        m.putCat(DssMachine.withLitter(m.cat(), sub(m.cat().litter(), tab)));
    }
}
