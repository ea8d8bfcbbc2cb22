package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssMath.RAY;
import static dev.solvent.mirror.maker.DssMath.TWO_255;
import static dev.solvent.mirror.maker.DssMath.add;
import static dev.solvent.mirror.maker.DssMath.empty;
import static dev.solvent.mirror.maker.DssMath.mul;
import static dev.solvent.mirror.maker.DssMath.mulInt;
import static dev.solvent.mirror.maker.DssMath.require;
import static dev.solvent.mirror.maker.DssMath.sub;
import static dev.solvent.mirror.maker.DssMath.uint;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.maker.DssState.Abacus;
import dev.solvent.mirror.maker.DssState.Cat;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Dog;
import dev.solvent.mirror.maker.DssState.DogIlk;
import dev.solvent.mirror.maker.DssState.Flipper;
import dev.solvent.mirror.maker.DssState.Jug;
import dev.solvent.mirror.maker.DssState.JugIlk;
import dev.solvent.mirror.maker.DssState.SpotIlk;
import dev.solvent.mirror.maker.DssState.Spotter;
import dev.solvent.mirror.maker.DssState.Urn;
import dev.solvent.mirror.maker.DssState.Vat;
import dev.solvent.mirror.maker.DssState.VatIlk;
import dev.solvent.mirror.maker.DssState.Vow;
import io.vavr.Tuple2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One call in progress across the dss contracts: the state so far and the events so far, thrown away on a revert.
 * Internal calls between contracts (the Dog calling the Vat, the Clipper calling the Dog) pass their own address as
 * {@code msg.sender}, so wards and {@code can} are checked exactly as on chain. Methods follow dss's order of effects.
 */
final class DssMachine {

    private final DssBlock block;
    private final List<Log> logs = new ArrayList<>();
    private DssState s;

    DssMachine(DssState state, DssBlock block) {
        this.s = state;
        this.block = block;
    }

    DssState state() {
        return s;
    }

    List<Log> logs() {
        return logs;
    }

    private BigInteger now() {
        return block.now();
    }

    private void emit(Address emitter, String event, Object... args) {
        logs.add(Log.of(emitter, event, args));
    }

    void run(DssCall call) {
        Address me = call.sender();
        switch (call) {
            case DssCall.Rely c -> ward(me, c.target(), c.usr(), true);
            case DssCall.Deny c -> ward(me, c.target(), c.usr(), false);
            case DssCall.FileUint c -> Admin.fileUint(this, me, c.target(), c.what(), c.data());
            case DssCall.FileAddress c -> Admin.fileAddress(this, me, c.target(), c.what(), c.data());
            case DssCall.FileIlkUint c -> Admin.fileIlkUint(this, me, c.target(), c.ilk(), c.what(), c.data());
            case DssCall.FileIlkAddress c -> Admin.fileIlkAddress(this, me, c.target(), c.ilk(), c.what(), c.data());
            case DssCall.Init c -> Admin.init(this, me, c.target(), c.ilk());
            case DssCall.Cage c -> Admin.cage(this, me, c.target());
            case DssCall.Slip c -> {
                vatAuth(me);
                putGem(c.ilk(), c.usr(), addInt(vat().gem(c.ilk(), c.usr()), c.wad()));
            }
            case DssCall.Flux c -> flux(me, c.ilk(), c.src(), c.dst(), c.wad());
            case DssCall.Move c -> move(me, c.src(), c.dst(), c.rad());
            case DssCall.Frob c -> frob(me, c.ilk(), c.u(), c.v(), c.w(), c.dink(), c.dart());
            case DssCall.Fork c -> fork(me, c.ilk(), c.src(), c.dst(), c.dink(), c.dart());
            case DssCall.Grab c -> grab(me, c.ilk(), c.u(), c.v(), c.w(), c.dink(), c.dart());
            case DssCall.Heal c -> vatHeal(me, c.rad());
            case DssCall.Suck c -> suck(me, c.u(), c.v(), c.rad());
            case DssCall.Fold c -> fold(me, c.ilk(), c.u(), c.rate());
            case DssCall.Hope c -> putCan(me, c.usr(), true);
            case DssCall.Nope c -> putCan(me, c.usr(), false);
            case DssCall.Drip c -> drip(c.ilk());
            case DssCall.Poke c -> poke(c.ilk());
            case DssCall.Fess c -> fess(me, c.tab());
            case DssCall.Flog c -> flog(c.era());
            case DssCall.VowHeal c -> vowHeal(c.rad());
            case DssCall.Bark c -> Liquidations.bark(this, c.ilk(), c.urn(), c.kpr());
            case DssCall.Digs c -> digs(me, c.ilk(), c.rad());
            case DssCall.Kick c -> Liquidations.kick(this, me, c.clip(), c.tab(), c.lot(), c.usr(), c.kpr());
            case DssCall.Take c -> Liquidations.take(this, me, c.clip(), c.id(), c.amt(), c.max(), c.who());
            case DssCall.Redo c -> Liquidations.redo(this, c.clip(), c.id(), c.kpr());
            case DssCall.Upchost c -> Liquidations.upchost(this, c.clip());
            case DssCall.Yank c -> Liquidations.yank(this, me, c.clip(), c.id());
            case DssCall.Bite c -> Flips.bite(this, c.ilk(), c.urn());
            case DssCall.Claw c -> {
                catAuth(me);
                putCat(withLitter(cat(), sub(cat().litter(), c.rad())));
            }
            case DssCall.FlipKick c -> Flips.kick(this, me, c.flip(), c.usr(), c.gal(), c.tab(), c.lot(), c.bid());
            case DssCall.Tick c -> Flips.tick(this, c.flip(), c.id());
            case DssCall.Tend c -> Flips.tend(this, me, c.flip(), c.id(), c.lot(), c.bid());
            case DssCall.Dent c -> Flips.dent(this, me, c.flip(), c.id(), c.lot(), c.bid());
            case DssCall.Deal c -> Flips.deal(this, c.flip(), c.id());
            case DssCall.FlipYank c -> Flips.yank(this, me, c.flip(), c.id());
        }
    }

    // ---- reading

    BigInteger time() {
        return now();
    }

    DssBlock block() {
        return block;
    }

    Vat vat() {
        return s.vat();
    }

    Cat cat() {
        return s.cat();
    }

    Dog dog() {
        return s.dog();
    }

    Vow vow() {
        return s.vow();
    }

    Clipper clipper(Address address) {
        return s.clippers().get(address).getOrElseThrow(DssMath::empty);
    }

    Flipper flipper(Address address) {
        return s.flippers().get(address).getOrElseThrow(DssMath::empty);
    }

    Abacus calc(Address address) {
        return s.calcs().get(address).getOrElseThrow(DssMath::empty);
    }

    /** {@code pip.peek()}: a pip without an answer in the block has no code. */
    DssBlock.Peek peek(Address pip) {
        DssBlock.Peek peek = block.pips().get(pip);
        if (peek == null) {
            throw empty();
        }
        return peek;
    }

    void log(Address emitter, String event, Object... args) {
        emit(emitter, event, args);
    }

    // ---- writing

    void putVat(Vat v) {
        s = new DssState(v, s.jug(), s.spotter(), s.vow(), s.dog(), s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    void putJug(Jug j) {
        s = new DssState(s.vat(), j, s.spotter(), s.vow(), s.dog(), s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    void putSpotter(Spotter p) {
        s = new DssState(s.vat(), s.jug(), p, s.vow(), s.dog(), s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    void putVow(Vow v) {
        s = new DssState(s.vat(), s.jug(), s.spotter(), v, s.dog(), s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    void putDog(Dog d) {
        s = new DssState(s.vat(), s.jug(), s.spotter(), s.vow(), d, s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    void putCat(Cat c) {
        s = new DssState(s.vat(), s.jug(), s.spotter(), s.vow(), s.dog(), c, s.clippers(), s.calcs(), s.flippers());
    }

    void putClipper(Clipper c) {
        s = new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers().put(c.address(), c),
                s.calcs(),
                s.flippers());
    }

    void putCalc(Abacus a) {
        s = new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers(),
                s.calcs().put(a.address(), a),
                s.flippers());
    }

    void putFlipper(Flipper f) {
        s = new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers(),
                s.calcs(),
                s.flippers().put(f.address(), f));
    }

    static Cat withLitter(Cat c, BigInteger litter) {
        return new Cat(c.address(), c.wards(), c.vat(), c.ilks(), c.vow(), c.live(), c.box(), litter);
    }

    // ---- wards

    private void ward(Address sender, Address target, Address usr, boolean on) {
        Admin.ward(this, sender, target, usr, on);
    }

    void vatAuth(Address sender) {
        require(vat().wards().contains(sender), "Vat/not-authorized");
    }

    void catAuth(Address sender) {
        require(cat().wards().contains(sender), "Cat/not-authorized");
    }

    // ---- the Vat

    private Vat vatWith(
            io.vavr.collection.Map<String, VatIlk> ilks,
            io.vavr.collection.Map<Tuple2<String, Address>, Urn> urns,
            io.vavr.collection.Map<Tuple2<String, Address>, BigInteger> gem,
            io.vavr.collection.Map<Address, BigInteger> dai,
            io.vavr.collection.Map<Address, BigInteger> sin,
            BigInteger debt,
            BigInteger vice) {
        Vat v = vat();
        return new Vat(v.address(), v.wards(), v.can(), ilks, urns, gem, dai, sin, debt, vice, v.Line(), v.live());
    }

    void putIlk(String ilk, VatIlk value) {
        Vat v = vat();
        putVat(vatWith(v.ilks().put(ilk, value), v.urns(), v.gem(), v.dai(), v.sin(), v.debt(), v.vice()));
    }

    void putUrn(String ilk, Address usr, Urn urn) {
        Vat v = vat();
        putVat(vatWith(
                v.ilks(), v.urns().put(new Tuple2<>(ilk, usr), urn), v.gem(), v.dai(), v.sin(), v.debt(), v.vice()));
    }

    void putGem(String ilk, Address usr, BigInteger wad) {
        Vat v = vat();
        putVat(vatWith(
                v.ilks(), v.urns(), v.gem().put(new Tuple2<>(ilk, usr), wad), v.dai(), v.sin(), v.debt(), v.vice()));
    }

    void putDai(Address usr, BigInteger rad) {
        Vat v = vat();
        putVat(vatWith(v.ilks(), v.urns(), v.gem(), v.dai().put(usr, rad), v.sin(), v.debt(), v.vice()));
    }

    void putSin(Address usr, BigInteger rad) {
        Vat v = vat();
        putVat(vatWith(v.ilks(), v.urns(), v.gem(), v.dai(), v.sin().put(usr, rad), v.debt(), v.vice()));
    }

    void putDebtVice(BigInteger debt, BigInteger vice) {
        Vat v = vat();
        putVat(vatWith(v.ilks(), v.urns(), v.gem(), v.dai(), v.sin(), debt, vice));
    }

    void putCan(Address owner, Address usr, boolean on) {
        Vat v = vat();
        Tuple2<Address, Address> key = new Tuple2<>(owner, usr);
        putVat(new Vat(
                v.address(),
                v.wards(),
                on ? v.can().add(key) : v.can().remove(key),
                v.ilks(),
                v.urns(),
                v.gem(),
                v.dai(),
                v.sin(),
                v.debt(),
                v.vice(),
                v.Line(),
                v.live()));
    }

    /** The Vat's {@code _add(uint, int)}: the sum must stay a uint256. */
    static BigInteger addInt(BigInteger x, BigInteger y) {
        return uint(x.add(y));
    }

    /** The Vat's {@code _sub(uint, int)}. */
    static BigInteger subInt(BigInteger x, BigInteger y) {
        return uint(x.subtract(y));
    }

    void flux(Address sender, String ilk, Address src, Address dst, BigInteger wad) {
        require(vat().wish(src, sender), "Vat/not-allowed");
        putGem(ilk, src, sub(vat().gem(ilk, src), wad));
        putGem(ilk, dst, add(vat().gem(ilk, dst), wad));
    }

    void move(Address sender, Address src, Address dst, BigInteger rad) {
        require(vat().wish(src, sender), "Vat/not-allowed");
        putDai(src, sub(vat().dai(src), rad));
        putDai(dst, add(vat().dai(dst), rad));
    }

    private void frob(Address sender, String i, Address u, Address v, Address w, BigInteger dink, BigInteger dart) {
        Vat vat = vat();
        require(vat.live(), "Vat/not-live");
        Urn urn = vat.urn(i, u);
        VatIlk ilk = vat.ilk(i);
        require(ilk.rate().signum() != 0, "Vat/ilk-not-init");
        BigInteger ink = addInt(urn.ink(), dink);
        BigInteger art = addInt(urn.art(), dart);
        BigInteger Art = addInt(ilk.Art(), dart);
        BigInteger dtab = mulInt(ilk.rate(), dart);
        BigInteger tab = mul(ilk.rate(), art);
        BigInteger debt = addInt(vat.debt(), dtab);
        // every argument of either/both is evaluated: the products below can revert whatever the signs
        BigInteger ceiling = mul(Art, ilk.rate());
        require(
                dart.signum() <= 0 || (ceiling.compareTo(ilk.line()) <= 0 && debt.compareTo(vat.Line()) <= 0),
                "Vat/ceiling-exceeded");
        BigInteger room = mul(ink, ilk.spot());
        boolean safeDirection = dart.signum() <= 0 && dink.signum() >= 0;
        require(safeDirection || tab.compareTo(room) <= 0, "Vat/not-safe");
        require(safeDirection || vat.wish(u, sender), "Vat/not-allowed-u");
        require(dink.signum() <= 0 || vat.wish(v, sender), "Vat/not-allowed-v");
        require(dart.signum() >= 0 || vat.wish(w, sender), "Vat/not-allowed-w");
        require(art.signum() == 0 || tab.compareTo(ilk.dust()) >= 0, "Vat/dust");
        putDebtVice(debt, vat.vice());
        putGem(i, v, subInt(vat().gem(i, v), dink));
        putDai(w, addInt(vat().dai(w), dtab));
        putUrn(i, u, new Urn(ink, art));
        putIlk(i, new VatIlk(Art, ilk.rate(), ilk.spot(), ilk.line(), ilk.dust()));
    }

    private void fork(Address sender, String ilk, Address src, Address dst, BigInteger dink, BigInteger dart) {
        Urn u = vat().urn(ilk, src);
        Urn uNext = new Urn(subInt(u.ink(), dink), subInt(u.art(), dart));
        putUrn(ilk, src, uNext);
        Urn v = vat().urn(ilk, dst);
        Urn vNext = new Urn(addInt(v.ink(), dink), addInt(v.art(), dart));
        putUrn(ilk, dst, vNext);
        // re-read: with src == dst the second write is on top of the first, as in storage
        uNext = vat().urn(ilk, src);
        vNext = vat().urn(ilk, dst);
        VatIlk i = vat().ilk(ilk);
        BigInteger utab = mul(uNext.art(), i.rate());
        BigInteger vtab = mul(vNext.art(), i.rate());
        require(vat().wish(src, sender) && vat().wish(dst, sender), "Vat/not-allowed");
        require(utab.compareTo(mul(uNext.ink(), i.spot())) <= 0, "Vat/not-safe-src");
        require(vtab.compareTo(mul(vNext.ink(), i.spot())) <= 0, "Vat/not-safe-dst");
        require(utab.compareTo(i.dust()) >= 0 || uNext.art().signum() == 0, "Vat/dust-src");
        require(vtab.compareTo(i.dust()) >= 0 || vNext.art().signum() == 0, "Vat/dust-dst");
    }

    void grab(Address sender, String i, Address u, Address v, Address w, BigInteger dink, BigInteger dart) {
        vatAuth(sender);
        Urn urn = vat().urn(i, u);
        VatIlk ilk = vat().ilk(i);
        Urn next = new Urn(addInt(urn.ink(), dink), addInt(urn.art(), dart));
        putUrn(i, u, next);
        BigInteger Art = addInt(ilk.Art(), dart);
        putIlk(i, new VatIlk(Art, ilk.rate(), ilk.spot(), ilk.line(), ilk.dust()));
        BigInteger dtab = mulInt(ilk.rate(), dart);
        putGem(i, v, subInt(vat().gem(i, v), dink));
        putSin(w, subInt(vat().sin(w), dtab));
        putDebtVice(vat().debt(), subInt(vat().vice(), dtab));
    }

    void vatHeal(Address u, BigInteger rad) {
        putSin(u, sub(vat().sin(u), rad));
        putDai(u, sub(vat().dai(u), rad));
        putDebtVice(sub(vat().debt(), rad), sub(vat().vice(), rad));
        // vice is written before debt in the contract; both are plain subtractions, so the order only matters for
        // which one reverts first, and either revert is the same empty revert
    }

    void suck(Address sender, Address u, Address v, BigInteger rad) {
        vatAuth(sender);
        putSin(u, add(vat().sin(u), rad));
        putDai(v, add(vat().dai(v), rad));
        putDebtVice(add(vat().debt(), rad), add(vat().vice(), rad));
    }

    void fold(Address sender, String i, Address u, BigInteger rate) {
        vatAuth(sender);
        require(vat().live(), "Vat/not-live");
        VatIlk ilk = vat().ilk(i);
        BigInteger next = addInt(ilk.rate(), rate);
        putIlk(i, new VatIlk(ilk.Art(), next, ilk.spot(), ilk.line(), ilk.dust()));
        BigInteger rad = mulInt(ilk.Art(), rate);
        putDai(u, addInt(vat().dai(u), rad));
        putDebtVice(addInt(vat().debt(), rad), vat().vice());
    }

    // ---- the Jug, the Spotter and the Vow

    private void drip(String ilk) {
        Jug jug = s.jug();
        JugIlk i = jug.ilk(ilk);
        require(now().compareTo(i.rho()) >= 0, "Jug/invalid-now");
        BigInteger prev = vat().ilk(ilk).rate();
        BigInteger rate = DssMath.rmul(DssMath.jugRpow(add(jug.base(), i.duty()), now().subtract(i.rho()), RAY), prev);
        // _diff: int(x) - int(y), both must be below 2^255
        require(rate.compareTo(TWO_255) < 0 && prev.compareTo(TWO_255) < 0);
        fold(jug.address(), ilk, jug.vow(), rate.subtract(prev));
        Jug after = s.jug();
        putJug(new Jug(
                after.address(),
                after.wards(),
                after.ilks().put(ilk, new JugIlk(i.duty(), now())),
                after.vat(),
                after.vow(),
                after.base()));
    }

    private void poke(String ilk) {
        Spotter spotter = s.spotter();
        SpotIlk i = spotter.ilk(ilk);
        DssBlock.Peek peek = peek(i.pip());
        BigInteger spot = peek.has()
                ? DssMath.rdiv(DssMath.rdiv(mul(peek.val(), BigInteger.TEN.pow(9)), spotter.par()), i.mat())
                : BigInteger.ZERO;
        Admin.vatFileIlk(this, spotter.address(), ilk, "spot", spot);
        emit(spotter.address(), "Poke", Bytes32.of(ilk), Bytes32.ofUint(peek.val()), spot);
    }

    void fess(Address sender, BigInteger tab) {
        Vow vow = vow();
        require(vow.wards().contains(sender), "Vow/not-authorized");
        BigInteger era = now();
        putVow(new Vow(
                vow.address(),
                vow.wards(),
                vow.vat(),
                vow.sin().put(era, add(vow.sin(era), tab)),
                add(vow.Sin(), tab),
                vow.Ash(),
                vow.numbers(),
                vow.live()));
    }

    private void flog(BigInteger era) {
        Vow vow = vow();
        require(add(era, vow.waitTime()).compareTo(now()) <= 0, "Vow/wait-not-finished");
        putVow(new Vow(
                vow.address(),
                vow.wards(),
                vow.vat(),
                vow.sin().put(era, BigInteger.ZERO),
                sub(vow.Sin(), vow.sin(era)),
                vow.Ash(),
                vow.numbers(),
                vow.live()));
    }

    private void vowHeal(BigInteger rad) {
        Vow vow = vow();
        require(rad.compareTo(vat().dai(vow.address())) <= 0, "Vow/insufficient-surplus");
        require(rad.compareTo(sub(sub(vat().sin(vow.address()), vow.Sin()), vow.Ash())) <= 0, "Vow/insufficient-debt");
        vatHeal(vow.address(), rad);
    }

    // ---- the Dog's bookkeeping

    void digs(Address sender, String ilk, BigInteger rad) {
        Dog dog = dog();
        require(dog.wards().contains(sender), "Dog/not-authorized");
        DogIlk i = dog.ilk(ilk);
        BigInteger Dirt = sub(dog.Dirt(), rad);
        BigInteger dirt = sub(i.dirt(), rad);
        putDog(new Dog(
                dog.address(),
                dog.wards(),
                dog.vat(),
                dog.ilks().put(ilk, new DogIlk(i.clip(), i.chop(), i.hole(), dirt)),
                dog.vow(),
                dog.live(),
                dog.Hole(),
                Dirt));
        emit(dog.address(), "Digs", Bytes32.of(ilk), rad);
    }

    static RuntimeException notMirrored(String what) {
        return new EvmRevert.NotMirrored(what).raise();
    }
}
