package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssMath.RAY;
import static dev.solvent.mirror.maker.DssMath.TWO_255;
import static dev.solvent.mirror.maker.DssMath.WAD;
import static dev.solvent.mirror.maker.DssMath.add;
import static dev.solvent.mirror.maker.DssMath.div;
import static dev.solvent.mirror.maker.DssMath.empty;
import static dev.solvent.mirror.maker.DssMath.fail;
import static dev.solvent.mirror.maker.DssMath.min;
import static dev.solvent.mirror.maker.DssMath.mul;
import static dev.solvent.mirror.maker.DssMath.rdiv;
import static dev.solvent.mirror.maker.DssMath.require;
import static dev.solvent.mirror.maker.DssMath.rmul;
import static dev.solvent.mirror.maker.DssMath.sub;
import static dev.solvent.mirror.maker.DssMath.truncate;
import static dev.solvent.mirror.maker.DssMath.wmul;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.maker.DssState.Abacus;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Dog;
import dev.solvent.mirror.maker.DssState.DogIlk;
import dev.solvent.mirror.maker.DssState.Sale;
import dev.solvent.mirror.maker.DssState.Urn;
import dev.solvent.mirror.maker.DssState.VatIlk;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import java.math.BigInteger;

/**
 * Liquidations 2.0: the Dog's {@code bark}, the Clipper's Dutch auctions ({@code kick}, {@code take}, {@code redo},
 * {@code upchost}, {@code yank}) and the abaci's price curves, following {@code dog.sol}, {@code clip.sol} and
 * {@code abaci.sol} at {@code makerdao/dss@fa4f6630}.
 */
final class Liquidations {

    private static final BigInteger BLN = BigInteger.TEN.pow(9);

    private Liquidations() {}

    // ---- the Dog

    static void bark(DssMachine m, String ilk, Address urnAddress, Address kpr) {
        Dog dog = m.dog();
        require(dog.live(), "Dog/not-live");
        Urn urn = m.vat().urn(ilk, urnAddress);
        BigInteger ink = urn.ink();
        BigInteger art = urn.art();
        DogIlk milk = dog.ilk(ilk);
        VatIlk vatIlk = m.vat().ilk(ilk);
        BigInteger rate = vatIlk.rate();
        BigInteger dust = vatIlk.dust();
        BigInteger spot = vatIlk.spot();
        // `&&` short-circuits: with spot 0 the products are never computed
        require(spot.signum() > 0 && mul(ink, spot).compareTo(mul(art, rate)) < 0, "Dog/not-unsafe");
        require(
                dog.Hole().compareTo(dog.Dirt()) > 0 && milk.hole().compareTo(milk.dirt()) > 0,
                "Dog/liquidation-limit-hit");
        BigInteger room = min(dog.Hole().subtract(dog.Dirt()), milk.hole().subtract(milk.dirt()));
        BigInteger dart = min(art, div(div(mul(room, WAD), rate), milk.chop()));
        if (art.compareTo(dart) > 0) {
            if (mul(art.subtract(dart), rate).compareTo(dust) < 0) {
                // dog.sol bark: a remainder below dust would be unliquidatable, so the whole vault goes
                dart = art;
            } else {
                require(mul(dart, rate).compareTo(dust) >= 0, "Dog/dusty-auction-from-partial-liquidation");
            }
        }
        BigInteger dink = mul(ink, dart).divide(art);
        require(dink.signum() > 0, "Dog/null-auction");
        require(dart.compareTo(TWO_255) <= 0 && dink.compareTo(TWO_255) <= 0, "Dog/overflow");
        m.grab(dog.address(), ilk, urnAddress, milk.clip(), dog.vow(), dink.negate(), dart.negate());
        BigInteger due = mul(dart, rate);
        // vow.fess(due): the Vow must exist at dog.vow
        if (!dog.vow().equals(m.vow().address())) {
            throw empty();
        }
        m.fess(dog.address(), due);
        BigInteger tab = mul(due, milk.chop()).divide(WAD);
        Dog after = m.dog();
        DogIlk afterIlk = after.ilk(ilk);
        m.putDog(new Dog(
                after.address(),
                after.wards(),
                after.vat(),
                after.ilks()
                        .put(ilk, new DogIlk(afterIlk.clip(), afterIlk.chop(), afterIlk.hole(), add(milk.dirt(), tab))),
                after.vow(),
                after.live(),
                after.Hole(),
                add(after.Dirt(), tab)));
        BigInteger id = kick(m, dog.address(), milk.clip(), tab, dink, urnAddress, kpr);
        m.log(dog.address(), "Bark", Bytes32.of(ilk), urnAddress, dink, dart, due, milk.clip(), id);
    }

    // ---- the Clipper

    static Clipper withWards(Clipper c, Set<Address> wards) {
        return new Clipper(
                c.address(),
                wards,
                c.ilk(),
                c.vat(),
                c.spotter(),
                c.dog(),
                c.vow(),
                c.calc(),
                c.buf(),
                c.tail(),
                c.cusp(),
                c.chip(),
                c.tip(),
                c.chost(),
                c.kicks(),
                c.active(),
                c.sales(),
                c.stopped());
    }

    private static Clipper with(
            Clipper c,
            BigInteger buf,
            BigInteger tail,
            BigInteger cusp,
            BigInteger chip,
            BigInteger tip,
            BigInteger chost,
            BigInteger stopped) {
        return new Clipper(
                c.address(),
                c.wards(),
                c.ilk(),
                c.vat(),
                c.spotter(),
                c.dog(),
                c.vow(),
                c.calc(),
                buf,
                tail,
                cusp,
                chip,
                tip,
                chost,
                c.kicks(),
                c.active(),
                c.sales(),
                stopped);
    }

    private static Clipper withAuctions(
            Clipper c, BigInteger kicks, Vector<BigInteger> active, io.vavr.collection.Map<BigInteger, Sale> sales) {
        return new Clipper(
                c.address(),
                c.wards(),
                c.ilk(),
                c.vat(),
                c.spotter(),
                c.dog(),
                c.vow(),
                c.calc(),
                c.buf(),
                c.tail(),
                c.cusp(),
                c.chip(),
                c.tip(),
                c.chost(),
                kicks,
                active,
                sales,
                c.stopped());
    }

    static void fileUint(DssMachine m, Address sender, Clipper c, String what, BigInteger data) {
        Admin.auth(c.wards(), sender, "Clipper");
        Clipper next = switch (what) {
            case "buf" -> with(c, data, c.tail(), c.cusp(), c.chip(), c.tip(), c.chost(), c.stopped());
            case "tail" -> with(c, c.buf(), data, c.cusp(), c.chip(), c.tip(), c.chost(), c.stopped());
            case "cusp" -> with(c, c.buf(), c.tail(), data, c.chip(), c.tip(), c.chost(), c.stopped());
            // clip.sol file: chip = uint64(data), tip = uint192(data), truncated; the event carries data whole
            case "chip" -> with(c, c.buf(), c.tail(), c.cusp(), truncate(data, 64), c.tip(), c.chost(), c.stopped());
            case "tip" -> with(c, c.buf(), c.tail(), c.cusp(), c.chip(), truncate(data, 192), c.chost(), c.stopped());
            case "stopped" -> with(c, c.buf(), c.tail(), c.cusp(), c.chip(), c.tip(), c.chost(), data);
            default -> throw fail("Clipper/file-unrecognized-param");
        };
        m.putClipper(next);
        m.log(c.address(), "File", Bytes32.of(what), data);
    }

    /** {@return the Clipper with other addresses to call} */
    private static Clipper withWiring(Clipper c, Address spotter, Address dog, Address vow, Address calc) {
        return new Clipper(
                c.address(),
                c.wards(),
                c.ilk(),
                c.vat(),
                spotter,
                dog,
                vow,
                calc,
                c.buf(),
                c.tail(),
                c.cusp(),
                c.chip(),
                c.tip(),
                c.chost(),
                c.kicks(),
                c.active(),
                c.sales(),
                c.stopped());
    }

    static void fileAddress(DssMachine m, Address sender, Clipper c, String what, Address data) {
        Admin.auth(c.wards(), sender, "Clipper");
        Clipper next = switch (what) {
            case "spotter" -> withWiring(c, data, c.dog(), c.vow(), c.calc());
            case "dog" -> withWiring(c, c.spotter(), data, c.vow(), c.calc());
            case "vow" -> withWiring(c, c.spotter(), c.dog(), data, c.calc());
            case "calc" -> withWiring(c, c.spotter(), c.dog(), c.vow(), data);
            default -> throw fail("Clipper/file-unrecognized-param");
        };
        m.putClipper(next);
        m.log(c.address(), "File", Bytes32.of(what), data);
    }

    private static void stoppedBelow(Clipper c, int level) {
        require(c.stopped().compareTo(BigInteger.valueOf(level)) < 0, "Clipper/stopped-incorrect");
    }

    /** {@code getFeedPrice()}: the pip's value in RAY over {@code par}. */
    private static BigInteger feedPrice(DssMachine m, Clipper c) {
        if (!c.spotter().equals(m.state().spotter().address())) {
            throw empty();
        }
        DssState.Spotter spotter = m.state().spotter();
        DssBlock.Peek peek = m.peek(spotter.ilk(c.ilk()).pip());
        require(peek.has(), "Clipper/invalid-price");
        return rdiv(mul(peek.val(), BLN), spotter.par());
    }

    static BigInteger kick(
            DssMachine m, Address sender, Address clip, BigInteger tab, BigInteger lot, Address usr, Address kpr) {
        Clipper c = m.clipper(clip);
        Admin.auth(c.wards(), sender, "Clipper");
        stoppedBelow(c, 1);
        require(tab.signum() > 0, "Clipper/zero-tab");
        require(lot.signum() > 0, "Clipper/zero-lot");
        require(!usr.isZero(), "Clipper/zero-usr");
        BigInteger id = truncate(c.kicks().add(BigInteger.ONE), 256);
        require(id.signum() > 0, "Clipper/overflow");
        Vector<BigInteger> active = c.active().append(id);
        BigInteger tic = truncate(m.time(), 96);
        BigInteger top = rmul(feedPrice(m, c), c.buf());
        require(top.signum() > 0, "Clipper/zero-top-price");
        Sale sale = new Sale(BigInteger.valueOf(active.size() - 1), tab, lot, usr, tic, top);
        m.putClipper(withAuctions(c, id, active, c.sales().put(id, sale)));
        BigInteger coin = BigInteger.ZERO;
        if (c.tip().signum() > 0 || c.chip().signum() > 0) {
            coin = add(c.tip(), wmul(tab, c.chip()));
            m.suck(c.address(), c.vow(), kpr, coin);
        }
        m.log(c.address(), "Kick", id, top, tab, lot, usr, kpr, coin);
        return id;
    }

    /** {@code calc.price(top, dur)} of the curve at {@code calc}. */
    static BigInteger price(DssMachine m, Address calc, BigInteger top, BigInteger dur) {
        return price(m.calc(calc), top, dur);
    }

    /** The abaci's {@code price(top, dur)}. */
    static BigInteger price(Abacus curve, BigInteger top, BigInteger dur) {
        return switch (curve) {
            case Abacus.LinearDecrease l ->
                dur.compareTo(l.tau()) >= 0
                        ? BigInteger.ZERO
                        : rmul(top, mul(l.tau().subtract(dur), RAY).divide(l.tau()));
            case Abacus.StairstepExponentialDecrease x ->
                rmul(top, DssMath.abaciRpow(x.cut(), div(dur, x.step()), RAY));
            case Abacus.ExponentialDecrease x -> rmul(top, DssMath.abaciRpow(x.cut(), dur, RAY));
        };
    }

    /** What {@code status(tic, top)} answers: whether the auction is done (too old or too cheap), and its price. */
    record Status(boolean done, BigInteger price) {}

    /** {@code status(tic, top)}: the price now, and whether the auction is done. */
    static Status status(DssMachine m, Clipper c, BigInteger tic, BigInteger top) {
        BigInteger dur = sub(m.time(), tic);
        BigInteger price = price(m, c.calc(), top, dur);
        // `||` short-circuits: rdiv (and its division by top) only runs when the auction is not too old
        boolean done = dur.compareTo(c.tail()) > 0 || rdiv(price, top).compareTo(c.cusp()) < 0;
        return new Status(done, price);
    }

    static void redo(DssMachine m, Address clip, BigInteger id, Address kpr) {
        Clipper c = m.clipper(clip);
        stoppedBelow(c, 2);
        Sale sale = c.sale(id);
        require(!sale.usr().isZero(), "Clipper/not-running-auction");
        require(status(m, c, sale.tic(), sale.top()).done(), "Clipper/cannot-reset");
        BigInteger tic = truncate(m.time(), 96);
        BigInteger feedPrice = feedPrice(m, c);
        BigInteger top = rmul(feedPrice, c.buf());
        require(top.signum() > 0, "Clipper/zero-top-price");
        m.putClipper(withAuctions(
                c,
                c.kicks(),
                c.active(),
                c.sales().put(id, new Sale(sale.pos(), sale.tab(), sale.lot(), sale.usr(), tic, top))));
        BigInteger coin = BigInteger.ZERO;
        if (c.tip().signum() > 0 || c.chip().signum() > 0) {
            // clip.sol redo: no incentive for an auction too small to be worth restarting (the cached chost)
            if (sale.tab().compareTo(c.chost()) >= 0
                    && mul(sale.lot(), feedPrice).compareTo(c.chost()) >= 0) {
                coin = add(c.tip(), wmul(sale.tab(), c.chip()));
                m.suck(c.address(), c.vow(), kpr, coin);
            }
        }
        m.log(c.address(), "Redo", id, top, sale.tab(), sale.lot(), sale.usr(), kpr, coin);
    }

    static void take(
            DssMachine m, Address sender, Address clip, BigInteger id, BigInteger amt, BigInteger max, Address who) {
        Clipper c = m.clipper(clip);
        stoppedBelow(c, 3);
        Sale sale = c.sale(id);
        require(!sale.usr().isZero(), "Clipper/not-running-auction");
        Status status = status(m, c, sale.tic(), sale.top());
        require(!status.done(), "Clipper/needs-reset");
        BigInteger price = status.price();
        require(max.compareTo(price) >= 0, "Clipper/too-expensive");
        BigInteger lot = sale.lot();
        BigInteger tab = sale.tab();
        BigInteger slice = min(lot, amt);
        BigInteger owe = mul(slice, price);
        if (owe.compareTo(tab) > 0) {
            owe = tab;
            slice = div(owe, price);
        } else if (owe.compareTo(tab) < 0 && slice.compareTo(lot) < 0) {
            BigInteger chost = c.chost();
            if (tab.subtract(owe).compareTo(chost) < 0) {
                require(tab.compareTo(chost) > 0, "Clipper/no-partial-purchase");
                owe = tab.subtract(chost);
                slice = div(owe, price);
            }
        }
        tab = tab.subtract(owe);
        lot = lot.subtract(slice);
        m.flux(c.address(), c.ilk(), c.address(), who, slice);
        m.move(c.address(), sender, c.vow(), owe);
        if (!c.dog().equals(m.dog().address())) {
            throw empty();
        }
        m.digs(c.address(), c.ilk(), lot.signum() == 0 ? tab.add(owe) : owe);
        Clipper now = m.clipper(clip);
        if (lot.signum() == 0) {
            m.putClipper(remove(now, id));
        } else if (tab.signum() == 0) {
            m.flux(c.address(), c.ilk(), c.address(), sale.usr(), lot);
            m.putClipper(remove(m.clipper(clip), id));
        } else {
            m.putClipper(withAuctions(
                    now,
                    now.kicks(),
                    now.active(),
                    now.sales().put(id, new Sale(sale.pos(), tab, lot, sale.usr(), sale.tic(), sale.top()))));
        }
        m.log(c.address(), "Take", id, max, price, owe, tab, lot, sale.usr());
    }

    /** {@code _remove(id)}: the last active auction takes the removed one's place. */
    private static Clipper remove(Clipper c, BigInteger id) {
        BigInteger last = c.active().last();
        Vector<BigInteger> active = c.active();
        io.vavr.collection.Map<BigInteger, Sale> sales = c.sales();
        if (!id.equals(last)) {
            BigInteger index = c.sale(id).pos();
            active = active.update(index.intValueExact(), last);
            Sale moved = c.sale(last);
            sales = sales.put(last, new Sale(index, moved.tab(), moved.lot(), moved.usr(), moved.tic(), moved.top()));
        }
        return withAuctions(c, c.kicks(), active.dropRight(1), sales.remove(id));
    }

    static void upchost(DssMachine m, Address clip) {
        Clipper c = m.clipper(clip);
        BigInteger dust = m.vat().ilk(c.ilk()).dust();
        if (!c.dog().equals(m.dog().address())) {
            throw empty();
        }
        BigInteger chost = wmul(dust, m.dog().ilk(c.ilk()).chop());
        m.putClipper(with(c, c.buf(), c.tail(), c.cusp(), c.chip(), c.tip(), chost, c.stopped()));
    }

    static void yank(DssMachine m, Address sender, Address clip, BigInteger id) {
        Clipper c = m.clipper(clip);
        Admin.auth(c.wards(), sender, "Clipper");
        Sale sale = c.sale(id);
        require(!sale.usr().isZero(), "Clipper/not-running-auction");
        if (!c.dog().equals(m.dog().address())) {
            throw empty();
        }
        m.digs(c.address(), c.ilk(), sale.tab());
        m.flux(c.address(), c.ilk(), c.address(), sender, sale.lot());
        m.putClipper(remove(m.clipper(clip), id));
        m.log(c.address(), "Yank", id);
    }
}
