package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssMath.WAD;
import static dev.solvent.mirror.maker.DssMath.empty;
import static dev.solvent.mirror.maker.DssMath.fail;
import static dev.solvent.mirror.maker.DssMath.require;
import static dev.solvent.mirror.maker.DssMath.truncate;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.maker.DssState.Abacus;
import dev.solvent.mirror.maker.DssState.Cat;
import dev.solvent.mirror.maker.DssState.CatIlk;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Dog;
import dev.solvent.mirror.maker.DssState.DogIlk;
import dev.solvent.mirror.maker.DssState.Flipper;
import dev.solvent.mirror.maker.DssState.Jug;
import dev.solvent.mirror.maker.DssState.JugIlk;
import dev.solvent.mirror.maker.DssState.SpotIlk;
import dev.solvent.mirror.maker.DssState.Spotter;
import dev.solvent.mirror.maker.DssState.Vat;
import dev.solvent.mirror.maker.DssState.VatIlk;
import dev.solvent.mirror.maker.DssState.Vow;
import io.vavr.collection.Set;
import java.math.BigInteger;

/**
 * The governance side of every dss contract the mirror holds: {@code rely}/{@code deny}, the {@code file}s, {@code
 * init} and {@code cage}, each with the contract's own authorization message and events. A call to an address that
 * holds none of these contracts reverts with empty data, as a call to an address without code does.
 */
final class Admin {

    private Admin() {}

    static void ward(DssMachine m, Address sender, Address target, Address usr, boolean on) {
        DssState s = m.state();
        if (target.equals(s.vat().address())) {
            Vat v = s.vat();
            auth(v.wards(), sender, "Vat");
            require(v.live(), "Vat/not-live");
            m.putVat(new Vat(
                    v.address(),
                    toggle(v.wards(), usr, on),
                    v.can(),
                    v.ilks(),
                    v.urns(),
                    v.gem(),
                    v.dai(),
                    v.sin(),
                    v.debt(),
                    v.vice(),
                    v.Line(),
                    v.live()));
        } else if (target.equals(s.jug().address())) {
            Jug j = s.jug();
            auth(j.wards(), sender, "Jug");
            m.putJug(new Jug(j.address(), toggle(j.wards(), usr, on), j.ilks(), j.vat(), j.vow(), j.base()));
        } else if (target.equals(s.spotter().address())) {
            Spotter p = s.spotter();
            auth(p.wards(), sender, "Spotter");
            m.putSpotter(new Spotter(p.address(), toggle(p.wards(), usr, on), p.ilks(), p.vat(), p.par(), p.live()));
        } else if (target.equals(s.vow().address())) {
            Vow v = s.vow();
            auth(v.wards(), sender, "Vow");
            if (on) {
                require(v.live(), "Vow/not-live");
            }
            m.putVow(new Vow(
                    v.address(),
                    toggle(v.wards(), usr, on),
                    v.vat(),
                    v.sin(),
                    v.Sin(),
                    v.Ash(),
                    v.numbers(),
                    v.live()));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            m.putDog(new Dog(
                    d.address(), toggle(d.wards(), usr, on), d.vat(), d.ilks(), d.vow(), d.live(), d.Hole(), d.Dirt()));
            m.log(d.address(), on ? "Rely" : "Deny", usr);
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            m.putCat(new Cat(
                    c.address(),
                    toggle(c.wards(), usr, on),
                    c.vat(),
                    c.ilks(),
                    c.vow(),
                    c.live(),
                    c.box(),
                    c.litter()));
        } else if (s.clippers().containsKey(target)) {
            Clipper c = s.clippers().get(target).get();
            auth(c.wards(), sender, "Clipper");
            m.putClipper(Liquidations.withWards(c, toggle(c.wards(), usr, on)));
            m.log(c.address(), on ? "Rely" : "Deny", usr);
        } else if (s.calcs().containsKey(target)) {
            Abacus a = s.calcs().get(target).get();
            auth(a.wards(), sender, calcName(a));
            Set<Address> wards = toggle(a.wards(), usr, on);
            m.putCalc(
                    switch (a) {
                        case Abacus.LinearDecrease l -> new Abacus.LinearDecrease(l.address(), wards, l.tau());
                        case Abacus.StairstepExponentialDecrease x ->
                            new Abacus.StairstepExponentialDecrease(x.address(), wards, x.step(), x.cut());
                        case Abacus.ExponentialDecrease x ->
                            new Abacus.ExponentialDecrease(x.address(), wards, x.cut());
                    });
            m.log(a.address(), on ? "Rely" : "Deny", usr);
        } else if (s.flippers().containsKey(target)) {
            Flipper f = s.flippers().get(target).get();
            auth(f.wards(), sender, "Flipper");
            m.putFlipper(new Flipper(
                    f.address(),
                    toggle(f.wards(), usr, on),
                    f.ilk(),
                    f.vat(),
                    f.cat(),
                    f.beg(),
                    f.ttl(),
                    f.tau(),
                    f.kicks(),
                    f.bids()));
        } else {
            throw empty();
        }
    }

    private static String calcName(Abacus a) {
        return switch (a) {
            case Abacus.LinearDecrease l -> "LinearDecrease";
            case Abacus.StairstepExponentialDecrease x -> "StairstepExponentialDecrease";
            case Abacus.ExponentialDecrease x -> "ExponentialDecrease";
        };
    }

    static void auth(Set<Address> wards, Address sender, String contract) {
        require(wards.contains(sender), contract + "/not-authorized");
    }

    private static Set<Address> toggle(Set<Address> set, Address usr, boolean on) {
        return on ? set.add(usr) : set.remove(usr);
    }

    private static RuntimeException unrecognized(String contract) {
        return fail(contract + "/file-unrecognized-param");
    }

    static void fileUint(DssMachine m, Address sender, Address target, String what, BigInteger data) {
        DssState s = m.state();
        if (target.equals(s.vat().address())) {
            Vat v = s.vat();
            auth(v.wards(), sender, "Vat");
            require(v.live(), "Vat/not-live");
            if (!what.equals("Line")) {
                throw unrecognized("Vat");
            }
            m.putVat(new Vat(
                    v.address(),
                    v.wards(),
                    v.can(),
                    v.ilks(),
                    v.urns(),
                    v.gem(),
                    v.dai(),
                    v.sin(),
                    v.debt(),
                    v.vice(),
                    data,
                    v.live()));
        } else if (target.equals(s.jug().address())) {
            Jug j = s.jug();
            auth(j.wards(), sender, "Jug");
            if (!what.equals("base")) {
                throw unrecognized("Jug");
            }
            m.putJug(new Jug(j.address(), j.wards(), j.ilks(), j.vat(), j.vow(), data));
        } else if (target.equals(s.spotter().address())) {
            Spotter p = s.spotter();
            auth(p.wards(), sender, "Spotter");
            require(p.live(), "Spotter/not-live");
            if (!what.equals("par")) {
                throw unrecognized("Spotter");
            }
            m.putSpotter(new Spotter(p.address(), p.wards(), p.ilks(), p.vat(), data, p.live()));
        } else if (target.equals(s.vow().address())) {
            Vow v = s.vow();
            auth(v.wards(), sender, "Vow");
            if (!java.util.List.of("wait", "bump", "sump", "dump", "hump").contains(what)) {
                throw unrecognized("Vow");
            }
            m.putVow(new Vow(
                    v.address(),
                    v.wards(),
                    v.vat(),
                    v.sin(),
                    v.Sin(),
                    v.Ash(),
                    v.numbers().put(what, data),
                    v.live()));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            if (!what.equals("Hole")) {
                throw unrecognized("Dog");
            }
            m.putDog(new Dog(d.address(), d.wards(), d.vat(), d.ilks(), d.vow(), d.live(), data, d.Dirt()));
            m.log(d.address(), "File", Bytes32.of(what), data);
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            if (!what.equals("box")) {
                throw unrecognized("Cat");
            }
            m.putCat(new Cat(c.address(), c.wards(), c.vat(), c.ilks(), c.vow(), c.live(), data, c.litter()));
        } else if (s.clippers().containsKey(target)) {
            Liquidations.fileUint(m, sender, s.clippers().get(target).get(), what, data);
        } else if (s.calcs().containsKey(target)) {
            Abacus a = s.calcs().get(target).get();
            auth(a.wards(), sender, calcName(a));
            m.putCalc(
                    switch (a) {
                        case Abacus.LinearDecrease l -> {
                            if (!what.equals("tau")) {
                                throw unrecognized("LinearDecrease");
                            }
                            yield new Abacus.LinearDecrease(l.address(), l.wards(), data);
                        }
                        case Abacus.StairstepExponentialDecrease x -> {
                            if (what.equals("cut")) {
                                // the cut is stored, then checked: a revert undoes both
                                require(data.compareTo(DssMath.RAY) <= 0, "StairstepExponentialDecrease/cut-gt-RAY");
                                yield new Abacus.StairstepExponentialDecrease(x.address(), x.wards(), x.step(), data);
                            } else if (what.equals("step")) {
                                yield new Abacus.StairstepExponentialDecrease(x.address(), x.wards(), data, x.cut());
                            }
                            throw unrecognized("StairstepExponentialDecrease");
                        }
                        case Abacus.ExponentialDecrease x -> {
                            if (!what.equals("cut")) {
                                throw unrecognized("ExponentialDecrease");
                            }
                            require(data.compareTo(DssMath.RAY) <= 0, "ExponentialDecrease/cut-gt-RAY");
                            yield new Abacus.ExponentialDecrease(x.address(), x.wards(), data);
                        }
                    });
            m.log(a.address(), "File", Bytes32.of(what), data);
        } else if (s.flippers().containsKey(target)) {
            Flipper f = s.flippers().get(target).get();
            auth(f.wards(), sender, "Flipper");
            Flipper next = switch (what) {
                case "beg" ->
                    new Flipper(
                            f.address(),
                            f.wards(),
                            f.ilk(),
                            f.vat(),
                            f.cat(),
                            data,
                            f.ttl(),
                            f.tau(),
                            f.kicks(),
                            f.bids());
                // ttl and tau are uint48: file truncates
                case "ttl" ->
                    new Flipper(
                            f.address(),
                            f.wards(),
                            f.ilk(),
                            f.vat(),
                            f.cat(),
                            f.beg(),
                            truncate(data, 48),
                            f.tau(),
                            f.kicks(),
                            f.bids());
                case "tau" ->
                    new Flipper(
                            f.address(),
                            f.wards(),
                            f.ilk(),
                            f.vat(),
                            f.cat(),
                            f.beg(),
                            f.ttl(),
                            truncate(data, 48),
                            f.kicks(),
                            f.bids());
                default -> throw unrecognized("Flipper");
            };
            m.putFlipper(next);
        } else {
            throw empty();
        }
    }

    static void fileAddress(DssMachine m, Address sender, Address target, String what, Address data) {
        DssState s = m.state();
        if (target.equals(s.jug().address())) {
            Jug j = s.jug();
            auth(j.wards(), sender, "Jug");
            if (!what.equals("vow")) {
                throw unrecognized("Jug");
            }
            m.putJug(new Jug(j.address(), j.wards(), j.ilks(), j.vat(), data, j.base()));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            if (!what.equals("vow")) {
                throw unrecognized("Dog");
            }
            m.putDog(new Dog(d.address(), d.wards(), d.vat(), d.ilks(), data, d.live(), d.Hole(), d.Dirt()));
            m.log(d.address(), "File", Bytes32.of(what), data);
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            if (!what.equals("vow")) {
                throw unrecognized("Cat");
            }
            m.putCat(new Cat(c.address(), c.wards(), c.vat(), c.ilks(), data, c.live(), c.box(), c.litter()));
        } else if (s.clippers().containsKey(target)) {
            Liquidations.fileAddress(m, sender, s.clippers().get(target).get(), what, data);
        } else if (s.flippers().containsKey(target)) {
            Flipper f = s.flippers().get(target).get();
            auth(f.wards(), sender, "Flipper");
            if (!what.equals("cat")) {
                throw unrecognized("Flipper");
            }
            m.putFlipper(new Flipper(
                    f.address(), f.wards(), f.ilk(), f.vat(), data, f.beg(), f.ttl(), f.tau(), f.kicks(), f.bids()));
        } else if (target.equals(s.vow().address())) {
            throw DssMachine.notMirrored("Vow.file(address): the flapper and flopper are not mirrored");
        } else {
            throw empty();
        }
    }

    static void fileIlkUint(DssMachine m, Address sender, Address target, String ilk, String what, BigInteger data) {
        DssState s = m.state();
        if (target.equals(s.vat().address())) {
            vatFileIlk(m, sender, ilk, what, data);
        } else if (target.equals(s.jug().address())) {
            Jug j = s.jug();
            auth(j.wards(), sender, "Jug");
            JugIlk i = j.ilk(ilk);
            require(m.time().equals(i.rho()), "Jug/rho-not-updated");
            if (!what.equals("duty")) {
                throw unrecognized("Jug");
            }
            m.putJug(new Jug(
                    j.address(), j.wards(), j.ilks().put(ilk, new JugIlk(data, i.rho())), j.vat(), j.vow(), j.base()));
        } else if (target.equals(s.spotter().address())) {
            Spotter p = s.spotter();
            auth(p.wards(), sender, "Spotter");
            require(p.live(), "Spotter/not-live");
            if (!what.equals("mat")) {
                throw unrecognized("Spotter");
            }
            m.putSpotter(new Spotter(
                    p.address(),
                    p.wards(),
                    p.ilks().put(ilk, new SpotIlk(p.ilk(ilk).pip(), data)),
                    p.vat(),
                    p.par(),
                    p.live()));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            DogIlk i = d.ilk(ilk);
            DogIlk next;
            if (what.equals("chop")) {
                require(data.compareTo(WAD) >= 0, "Dog/file-chop-lt-WAD");
                next = new DogIlk(i.clip(), data, i.hole(), i.dirt());
            } else if (what.equals("hole")) {
                next = new DogIlk(i.clip(), i.chop(), data, i.dirt());
            } else {
                throw unrecognized("Dog");
            }
            m.putDog(new Dog(
                    d.address(), d.wards(), d.vat(), d.ilks().put(ilk, next), d.vow(), d.live(), d.Hole(), d.Dirt()));
            m.log(d.address(), "File", Bytes32.of(ilk), Bytes32.of(what), data);
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            CatIlk i = c.ilk(ilk);
            CatIlk next = switch (what) {
                case "chop" -> new CatIlk(i.flip(), data, i.dunk());
                case "dunk" -> new CatIlk(i.flip(), i.chop(), data);
                default -> throw unrecognized("Cat");
            };
            m.putCat(new Cat(
                    c.address(), c.wards(), c.vat(), c.ilks().put(ilk, next), c.vow(), c.live(), c.box(), c.litter()));
        } else {
            throw empty();
        }
    }

    /** {@code vat.file(ilk, what, data)}: also how the Spotter sets {@code spot}. */
    static void vatFileIlk(DssMachine m, Address sender, String ilk, String what, BigInteger data) {
        Vat v = m.vat();
        auth(v.wards(), sender, "Vat");
        require(v.live(), "Vat/not-live");
        VatIlk i = v.ilk(ilk);
        VatIlk next = switch (what) {
            case "spot" -> new VatIlk(i.Art(), i.rate(), data, i.line(), i.dust());
            case "line" -> new VatIlk(i.Art(), i.rate(), i.spot(), data, i.dust());
            case "dust" -> new VatIlk(i.Art(), i.rate(), i.spot(), i.line(), data);
            default -> throw unrecognized("Vat");
        };
        m.putIlk(ilk, next);
    }

    static void fileIlkAddress(DssMachine m, Address sender, Address target, String ilk, String what, Address data) {
        DssState s = m.state();
        if (target.equals(s.spotter().address())) {
            Spotter p = s.spotter();
            auth(p.wards(), sender, "Spotter");
            require(p.live(), "Spotter/not-live");
            if (!what.equals("pip")) {
                throw unrecognized("Spotter");
            }
            m.putSpotter(new Spotter(
                    p.address(),
                    p.wards(),
                    p.ilks().put(ilk, new SpotIlk(data, p.ilk(ilk).mat())),
                    p.vat(),
                    p.par(),
                    p.live()));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            if (!what.equals("clip")) {
                throw unrecognized("Dog");
            }
            // ClipperLike(clip).ilk(): an address that is no Clipper has no code
            Clipper clip = m.clipper(data);
            require(ilk.equals(clip.ilk()), "Dog/file-ilk-neq-clip.ilk");
            DogIlk i = d.ilk(ilk);
            m.putDog(new Dog(
                    d.address(),
                    d.wards(),
                    d.vat(),
                    d.ilks().put(ilk, new DogIlk(data, i.chop(), i.hole(), i.dirt())),
                    d.vow(),
                    d.live(),
                    d.Hole(),
                    d.Dirt()));
            m.log(d.address(), "File", Bytes32.of(ilk), Bytes32.of(what), data);
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            if (!what.equals("flip")) {
                throw unrecognized("Cat");
            }
            CatIlk i = c.ilk(ilk);
            // Cat.file(ilk, "flip"): vat.nope(old flip), then vat.hope(new flip), both as the Cat
            m.putCan(c.address(), i.flip(), false);
            m.putCan(c.address(), data, true);
            Cat now = m.cat();
            m.putCat(new Cat(
                    now.address(),
                    now.wards(),
                    now.vat(),
                    now.ilks().put(ilk, new CatIlk(data, i.chop(), i.dunk())),
                    now.vow(),
                    now.live(),
                    now.box(),
                    now.litter()));
        } else {
            throw empty();
        }
    }

    static void init(DssMachine m, Address sender, Address target, String ilk) {
        DssState s = m.state();
        if (target.equals(s.vat().address())) {
            auth(s.vat().wards(), sender, "Vat");
            VatIlk i = s.vat().ilk(ilk);
            require(i.rate().signum() == 0, "Vat/ilk-already-init");
            m.putIlk(ilk, new VatIlk(i.Art(), DssMath.RAY, i.spot(), i.line(), i.dust()));
        } else if (target.equals(s.jug().address())) {
            Jug j = s.jug();
            auth(j.wards(), sender, "Jug");
            require(j.ilk(ilk).duty().signum() == 0, "Jug/ilk-already-init");
            m.putJug(new Jug(
                    j.address(),
                    j.wards(),
                    j.ilks().put(ilk, new JugIlk(DssMath.RAY, m.time())),
                    j.vat(),
                    j.vow(),
                    j.base()));
        } else {
            throw empty();
        }
    }

    static void cage(DssMachine m, Address sender, Address target) {
        DssState s = m.state();
        if (target.equals(s.vat().address())) {
            Vat v = s.vat();
            auth(v.wards(), sender, "Vat");
            m.putVat(new Vat(
                    v.address(),
                    v.wards(),
                    v.can(),
                    v.ilks(),
                    v.urns(),
                    v.gem(),
                    v.dai(),
                    v.sin(),
                    v.debt(),
                    v.vice(),
                    v.Line(),
                    false));
        } else if (target.equals(s.spotter().address())) {
            Spotter p = s.spotter();
            auth(p.wards(), sender, "Spotter");
            m.putSpotter(new Spotter(p.address(), p.wards(), p.ilks(), p.vat(), p.par(), false));
        } else if (target.equals(s.dog().address())) {
            Dog d = s.dog();
            auth(d.wards(), sender, "Dog");
            m.putDog(new Dog(d.address(), d.wards(), d.vat(), d.ilks(), d.vow(), false, d.Hole(), d.Dirt()));
            m.log(d.address(), "Cage");
        } else if (target.equals(s.cat().address())) {
            Cat c = s.cat();
            auth(c.wards(), sender, "Cat");
            m.putCat(new Cat(c.address(), c.wards(), c.vat(), c.ilks(), c.vow(), false, c.box(), c.litter()));
        } else if (target.equals(s.vow().address())) {
            throw DssMachine.notMirrored("Vow.cage: the flapper and flopper are not mirrored");
        } else {
            throw empty();
        }
    }
}
