package dev.solvent.mirror.maker;

import static dev.solvent.mirror.maker.DssSpec.RAY;
import static dev.solvent.mirror.maker.DssSpec.WAD;
import static dev.solvent.mirror.maker.DssSpec.rad;
import static dev.solvent.mirror.maker.DssSpec.wad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain side of the Maker (dss) differential harness against hand-computed answers: an ETH-A-like ilk deployed on
 * anvil and wired as dss's tests wire it, a vault liquidated through the Dog and Clipper (bark, take, redo) and
 * another through the Cat and Flipper (bite, tend, dent, tick, deal), each value computed here from dss's formulas;
 * decoded reverts (solc 0.6's invalid opcode included), and the three abaci. Each test starts
 * from the freshly deployed system (a snapshot).
 */
class DssChainIT {

    private static final BigInteger BLN = BigInteger.TEN.pow(9);
    private static final long DAY = 86_400L;

    private static final Address ALICE = Address.ofNumber(0xA11CE);
    private static final Address BOB = Address.ofNumber(0xB0B);
    private static final Address CAROL = Address.ofNumber(0xCA201);
    private static final Address DAVE = Address.ofNumber(0xDA7E);
    private static final Address ERIN = Address.ofNumber(0xE214);
    private static final Address FRANK = Address.ofNumber(0xF2A4C);
    private static final Address KEEPER = Address.ofNumber(0x4EE9E2);

    private static final BigInteger ONE_ID = BigInteger.ONE;
    private static final BigInteger TWO_ID = BigInteger.TWO;

    private static Either<String, AnvilChain> started;
    private static DssChain dss;
    private static String snapshot;

    @BeforeAll
    static void deploy() {
        started = AnvilChain.start();
        if (started.isRight()) {
            dss = DssChain.deploy(started.get(), DssSpec.ethA());
            snapshot = started.get().snapshot();
        }
    }

    @AfterAll
    static void stop() {
        if (started != null && started.isRight()) {
            started.get().close();
        }
    }

    @BeforeEach
    void requireAnvil() {
        assumeTrue(started.isRight(), () -> started.getLeft());
    }

    @AfterEach
    void backToDeployment() {
        if (started.isRight()) {
            started.get().revert(snapshot); // consumes the snapshot
            snapshot = started.get().snapshot();
        }
    }

    // ---- dss's arithmetic, for the expected values -----------------------------------------------------------------

    private static BigInteger rmul(BigInteger x, BigInteger y) {
        return x.multiply(y).divide(RAY);
    }

    private static BigInteger wmul(BigInteger x, BigInteger y) {
        return x.multiply(y).divide(WAD);
    }

    private static BigInteger rdiv(BigInteger x, BigInteger y) {
        return x.multiply(RAY).divide(y);
    }

    /** jug.sol's and abaci.sol's {@code rpow}: exponentiation by squaring, each product rounded half up. */
    private static BigInteger rpow(BigInteger x, long n, BigInteger b) {
        if (n == 0) {
            return b;
        }
        if (x.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger z = n % 2 == 0 ? b : x;
        BigInteger half = b.shiftRight(1);
        for (n /= 2; n != 0; n /= 2) {
            x = x.multiply(x).add(half).divide(b);
            if (n % 2 == 1) {
                z = z.multiply(x).add(half).divide(b);
            }
        }
        return z;
    }

    private static BigInteger min(BigInteger a, BigInteger b) {
        return a.min(b);
    }

    private static BigInteger n(long value) {
        return BigInteger.valueOf(value);
    }

    /** spot.sol's {@code poke}: {@code rdiv(rdiv(val * 10^9, par), mat)}. */
    private static BigInteger spotOf(BigInteger price) {
        return rdiv(
                rdiv(price.multiply(BLN), dss.spec().spot().par()),
                dss.spec().spot().mat());
    }

    /** The rate after {@code jug.drip} {@code seconds} after the last one, from a rate of {@code prev}. */
    private static BigInteger dripped(BigInteger prev, long seconds) {
        DssSpec.JugConfig jug = dss.spec().jug();
        return rmul(rpow(jug.base().add(jug.duty()), seconds, RAY), prev);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static List<Log> ok(Address from, Address to, String data, long at) {
        Either<EvmRevert, List<Log>> result = dss.send(from, to, data, at);
        assertThat(result.isRight()).as("%s reverted with %s", data, result).isTrue();
        return result.get();
    }

    private static EvmRevert reverts(Address from, Address to, String data, long at) {
        Either<EvmRevert, List<Log>> result = dss.send(from, to, data, at);
        assertThat(result.isLeft()).as("%s did not revert: %s", data, result).isTrue();
        return result.getLeft();
    }

    private static String ilk() {
        return dss.ilk();
    }

    /** Slips {@code ink} of gem to {@code owner} and frobs it all in with {@code art} of debt, at {@code at}. */
    private static void openVault(Address owner, BigInteger ink, BigInteger art, long at) {
        dss.giveGem(owner, ink, at);
        assertThat(ok(owner, dss.vat(), DssChain.frob(ilk(), owner, owner, owner, ink, art), at))
                .as("the Vat emits nothing (no LogNote at this commit)")
                .isEmpty();
    }

    private static List<String> read(long at, DssView... views) {
        return dss.read(List.of(views), at);
    }

    private static DssView view(String target, String signature, String... outputs) {
        return new DssView(target + "." + signature, target, signature, List.of(), List.of(outputs));
    }

    private static String one(DssView view, long at) {
        return dss.read(List.of(view), at).get(0);
    }

    private static String hex(Address a) {
        return a.hex();
    }

    // ---- tests ---------------------------------------------------------------------------------------------------

    @Test
    void deploysAndWiresLikeDssTests() {
        long t0 = dss.deployedAt();
        DssSpec spec = dss.spec();
        BigInteger spot0 = spotOf(spec.price());
        assertThat(read(
                        t0,
                        DssView.vatIlks(ilk()),
                        DssView.vatLine(),
                        DssView.spotIlks(ilk()),
                        DssView.pipPeek(),
                        DssView.jugIlks(ilk()),
                        DssView.dogIlks(ilk()),
                        DssView.dogHole(),
                        DssView.clipChost(),
                        DssView.clipStopped(),
                        DssView.catIlks(ilk()),
                        DssView.catBox(),
                        view("clip", "buf()", "uint256"),
                        view("clip", "tail()", "uint256"),
                        view("clip", "cusp()", "uint256"),
                        view("clip", "chip()", "uint64"),
                        view("clip", "tip()", "uint192"),
                        view("clip", "calc()", "address"),
                        view("clip", "vow()", "address"),
                        view("calc", "step()", "uint256"),
                        view("calc", "cut()", "uint256"),
                        view("flip", "beg()", "uint256"),
                        view("flip", "ttl()", "uint48"),
                        view("flip", "tau()", "uint48"),
                        view("jug", "vow()", "address"),
                        view("dog", "vow()", "address"),
                        view("cat", "vow()", "address")))
                .containsExactly(
                        "0," + RAY + "," + spot0 + "," + spec.vat().line() + ","
                                + spec.vat().dust(),
                        spec.vat().Line().toString(),
                        hex(dss.pip()) + "," + spec.spot().mat(),
                        DssChain.word(spec.price()) + ",true",
                        spec.jug().duty() + "," + t0,
                        hex(dss.clip()) + "," + spec.dog().chop() + ","
                                + spec.dog().hole() + ",0",
                        spec.dog().Hole().toString(),
                        wmul(spec.vat().dust(), spec.dog().chop()).toString(),
                        "0",
                        hex(dss.flip()) + "," + spec.cat().chop() + ","
                                + spec.cat().dunk(),
                        spec.cat().box().toString(),
                        spec.clip().buf().toString(),
                        Long.toString(spec.clip().tail()),
                        spec.clip().cusp().toString(),
                        spec.clip().chip().toString(),
                        spec.clip().tip().toString(),
                        hex(dss.calc()),
                        hex(dss.vow()),
                        "90",
                        DssSpec.fraction(99, 100, RAY).toString(),
                        spec.flip().beg().toString(),
                        Long.toString(spec.flip().ttl()),
                        Long.toString(spec.flip().tau()),
                        hex(dss.vow()),
                        hex(dss.vow()),
                        hex(dss.vow()));
        // authority: exactly the rely's of the wiring, and the Cat's hope for its Flipper
        assertThat(read(
                        t0,
                        DssView.wards("vat", dss.spot()),
                        DssView.wards("vat", dss.jug()),
                        DssView.wards("vat", dss.dog()),
                        DssView.wards("vat", dss.clip()),
                        DssView.wards("vat", dss.cat()),
                        DssView.wards("vat", dss.flip()),
                        DssView.wards("vow", dss.dog()),
                        DssView.wards("vow", dss.cat()),
                        DssView.wards("dog", dss.clip()),
                        DssView.wards("clip", dss.dog()),
                        DssView.wards("flip", dss.cat()),
                        DssView.wards("cat", dss.flip()),
                        DssView.wards("vat", DssChain.DEPLOYER),
                        DssView.vatCan(dss.cat(), dss.flip()),
                        DssView.vatCan(dss.vow(), Address.ZERO)))
                .containsExactly("1", "1", "1", "1", "1", "0", "1", "1", "1", "1", "1", "1", "1", "1", "1");
    }

    @Test
    void barkTakeRedoAndTheVowsBooks() {
        DssSpec spec = dss.spec();
        long t0 = dss.deployedAt();
        BigInteger ink = wad(100);
        BigInteger art = wad(100_000);
        openVault(ALICE, ink, art, t0);
        assertThat(read(t0, DssView.vatDai(ALICE), DssView.vatUrns(ilk(), ALICE), DssView.vatDebt()))
                .containsExactly(
                        art.multiply(RAY).toString(),
                        ink + "," + art,
                        art.multiply(RAY).toString());

        // a month of stability fee: the Vow earns Art * (rate - RAY)
        long t1 = t0 + 30 * DAY;
        BigInteger rate = dripped(RAY, 30 * DAY);
        assertThat(ok(BOB, dss.jug(), DssChain.drip(ilk()), t1)).isEmpty();
        BigInteger fees = art.multiply(rate.subtract(RAY));
        assertThat(read(t1, DssView.vatIlks(ilk()), DssView.vatDai(dss.vow()), DssView.jugIlks(ilk())))
                .containsExactly(
                        art + "," + rate + "," + spotOf(spec.price()) + ","
                                + spec.vat().line() + "," + spec.vat().dust(),
                        fees.toString(),
                        spec.jug().duty() + "," + t1);

        // the price falls to 1,300: the Spotter's Poke, and the vault is unsafe
        BigInteger price = wad(1_300);
        BigInteger spot = spotOf(price);
        assertThat(dss.setPrice(price, t1))
                .containsExactly(Log.of(dss.spot(), "Poke", ilk(), DssChain.word(price), spot));
        assertThat(ink.multiply(spot)).isLessThan(art.multiply(rate));

        // bark: the whole vault (room is far above tab), Clipper Kick then Dog Bark
        long t2 = t1 + 60;
        BigInteger room = min(spec.dog().Hole(), spec.dog().hole());
        BigInteger dart =
                min(art, room.multiply(WAD).divide(rate).divide(spec.dog().chop()));
        assertThat(dart).isEqualTo(art);
        BigInteger dink = ink.multiply(dart).divide(art);
        BigInteger due = dart.multiply(rate);
        BigInteger tab = due.multiply(spec.dog().chop()).divide(WAD);
        BigInteger feedPrice = rdiv(price.multiply(BLN), spec.spot().par());
        BigInteger top = rmul(feedPrice, spec.clip().buf());
        assertThat(top).isEqualTo(n(1_560).multiply(RAY));
        BigInteger coin = spec.clip().tip().add(wmul(tab, spec.clip().chip()));
        assertThat(ok(KEEPER, dss.dog(), DssChain.bark(ilk(), ALICE, KEEPER), t2))
                .containsExactly(
                        Log.of(dss.clip(), "Kick", ONE_ID, top, tab, dink, ALICE, KEEPER, coin),
                        Log.of(dss.dog(), "Bark", ilk(), ALICE, dink, dart, due, dss.clip(), ONE_ID));
        assertThat(read(
                        t2,
                        DssView.clipSales(ONE_ID),
                        DssView.clipKicks(),
                        DssView.clipCount(),
                        DssView.clipList(),
                        DssView.dogDirt(),
                        DssView.dogIlks(ilk()),
                        DssView.vatUrns(ilk(), ALICE),
                        DssView.vatGem(ilk(), dss.clip()),
                        DssView.vowSinAt(n(t2)),
                        DssView.vowSin(),
                        DssView.vatSin(dss.vow()),
                        DssView.vatDai(KEEPER),
                        DssView.clipGetStatus(ONE_ID)))
                .containsExactly(
                        "0," + tab + "," + dink + "," + hex(ALICE) + "," + t2 + "," + top,
                        "1",
                        "1",
                        "[1]",
                        tab.toString(),
                        hex(dss.clip()) + "," + spec.dog().chop() + ","
                                + spec.dog().hole() + "," + tab,
                        "0,0",
                        dink.toString(),
                        due.toString(),
                        due.toString(),
                        due.add(coin).toString(),
                        coin.toString(),
                        "false," + top + "," + dink + "," + tab);

        // take 30 ETH two steps later (180 s / 90 s): price = top * 0.99^2
        long t3 = t2 + 180;
        DssSpec.Calc.Stairstep calc = (DssSpec.Calc.Stairstep) spec.clip().calc();
        BigInteger takePrice = rmul(top, rpow(calc.cut(), (t3 - t2) / calc.step(), RAY));
        assertThat(takePrice).isEqualTo(new BigInteger("1528956").multiply(RAY).divide(n(1_000)));
        dss.giveDai(BOB, rad(1_000_000), t3);
        ok(BOB, dss.vat(), DssChain.hope(dss.clip()), t3);
        BigInteger slice = wad(30);
        BigInteger owe = slice.multiply(takePrice);
        BigInteger chost = wmul(spec.vat().dust(), spec.dog().chop());
        assertThat(tab.subtract(owe)).isGreaterThan(chost); // no chost adjustment
        BigInteger tabLeft = tab.subtract(owe);
        BigInteger lotLeft = dink.subtract(slice);
        assertThat(ok(BOB, dss.clip(), DssChain.take(ONE_ID, slice, takePrice, BOB), t3))
                .containsExactly(
                        Log.of(dss.dog(), "Digs", ilk(), owe),
                        Log.of(dss.clip(), "Take", ONE_ID, takePrice, takePrice, owe, tabLeft, lotLeft, ALICE));
        assertThat(read(
                        t3,
                        DssView.clipSales(ONE_ID),
                        DssView.vatGem(ilk(), BOB),
                        DssView.vatDai(BOB),
                        DssView.vatDai(dss.vow()),
                        DssView.dogDirt(),
                        DssView.clipGetStatus(ONE_ID)))
                .containsExactly(
                        "0," + tabLeft + "," + lotLeft + "," + hex(ALICE) + "," + t2 + "," + top,
                        slice.toString(),
                        rad(1_000_000).subtract(owe).toString(),
                        fees.add(owe).toString(),
                        tabLeft.toString(),
                        "false," + takePrice + "," + lotLeft + "," + tabLeft);

        // the Vow: flog the queued debt (wait is 0), then heal the surplus against it
        assertThat(ok(BOB, dss.vow(), DssChain.flog(n(t2)), t3)).isEmpty();
        BigInteger healed = fees.add(owe);
        assertThat(ok(BOB, dss.vow(), DssChain.heal(healed), t3)).isEmpty();
        assertThat(read(
                        t3,
                        DssView.vowSin(),
                        DssView.vowSinAt(n(t2)),
                        DssView.vatDai(dss.vow()),
                        DssView.vatSin(dss.vow())))
                .containsExactly("0", "0", "0", due.add(coin).subtract(healed).toString());

        // past tail the auction needs a reset: take refuses, redo restarts it at the feed price and pays the keeper
        long t4 = t2 + spec.clip().tail() + 1;
        BigInteger stale = rmul(top, rpow(calc.cut(), (t4 - t2) / calc.step(), RAY));
        assertThat(one(DssView.clipGetStatus(ONE_ID), t4)).isEqualTo("true," + stale + "," + lotLeft + "," + tabLeft);
        assertThat(reverts(BOB, dss.clip(), DssChain.take(ONE_ID, slice, top, BOB), t4))
                .isEqualTo(new EvmRevert.ErrorString("Clipper/needs-reset"));
        assertThat(lotLeft.multiply(feedPrice)).isGreaterThanOrEqualTo(chost);
        BigInteger coin2 = spec.clip().tip().add(wmul(tabLeft, spec.clip().chip()));
        assertThat(ok(KEEPER, dss.clip(), DssChain.redo(ONE_ID, KEEPER), t4))
                .containsExactly(Log.of(dss.clip(), "Redo", ONE_ID, top, tabLeft, lotLeft, ALICE, KEEPER, coin2));
        assertThat(read(t4, DssView.clipSales(ONE_ID), DssView.vatDai(KEEPER)))
                .containsExactly(
                        "0," + tabLeft + "," + lotLeft + "," + hex(ALICE) + "," + t4 + "," + top,
                        coin.add(coin2).toString());

        // the rest, all of it, at the reset price: owe is capped at tab, the leftover collateral goes back to Alice
        BigInteger buyAll = lotLeft.multiply(top);
        assertThat(buyAll).isGreaterThan(tabLeft);
        BigInteger lastSlice = tabLeft.divide(top);
        assertThat(ok(BOB, dss.clip(), DssChain.take(ONE_ID, lotLeft, top, BOB), t4))
                .containsExactly(
                        Log.of(dss.dog(), "Digs", ilk(), tabLeft),
                        Log.of(
                                dss.clip(),
                                "Take",
                                ONE_ID,
                                top,
                                top,
                                tabLeft,
                                BigInteger.ZERO,
                                lotLeft.subtract(lastSlice),
                                ALICE));
        assertThat(read(
                        t4,
                        DssView.clipList(),
                        DssView.dogDirt(),
                        DssView.vatGem(ilk(), ALICE),
                        DssView.vatGem(ilk(), BOB),
                        DssView.vatGem(ilk(), dss.clip())))
                .containsExactly(
                        "[]",
                        "0",
                        lotLeft.subtract(lastSlice).toString(),
                        slice.add(lastSlice).toString(),
                        "0");
    }

    @Test
    void biteTendDentTickDeal() {
        DssSpec spec = dss.spec();
        long t0 = dss.deployedAt();
        BigInteger ink = wad(100);
        BigInteger art = wad(100_000);
        openVault(CAROL, ink, art, t0);
        long t1 = t0 + DAY;
        ok(BOB, dss.jug(), DssChain.drip(ilk()), t1);
        BigInteger rate = dripped(RAY, DAY);
        BigInteger fees = art.multiply(rate.subtract(RAY));
        dss.setPrice(wad(1_300), t1);

        // bite: dunk caps the lot, so the vault is liquidated in part
        BigInteger room = spec.cat().box();
        BigInteger dart = min(
                art,
                min(spec.cat().dunk(), room)
                        .multiply(WAD)
                        .divide(rate)
                        .divide(spec.cat().chop()));
        assertThat(dart).isLessThan(art);
        BigInteger dink = min(ink, ink.multiply(dart).divide(art));
        BigInteger tab = dart.multiply(rate).multiply(spec.cat().chop()).divide(WAD);
        assertThat(ok(KEEPER, dss.cat(), DssChain.bite(ilk(), CAROL), t1))
                .containsExactly(
                        Log.of(dss.flip(), "Kick", ONE_ID, dink, BigInteger.ZERO, tab, CAROL, dss.vow()),
                        Log.of(dss.cat(), "Bite", ilk(), CAROL, dink, dart, dart.multiply(rate), dss.flip(), ONE_ID));
        long end1 = t1 + spec.flip().tau();
        assertThat(read(
                        t1,
                        DssView.catLitter(),
                        DssView.flipBids(ONE_ID),
                        DssView.flipKicks(),
                        DssView.vatUrns(ilk(), CAROL),
                        DssView.vatGem(ilk(), dss.flip()),
                        DssView.vowSinAt(n(t1)),
                        DssView.vatSin(dss.vow())))
                .containsExactly(
                        tab.toString(),
                        "0," + dink + "," + hex(dss.cat()) + ",0," + end1 + "," + hex(CAROL) + "," + hex(dss.vow())
                                + "," + tab,
                        "1",
                        ink.subtract(dink) + "," + art.subtract(dart),
                        dink.toString(),
                        dart.multiply(rate).toString(),
                        dart.multiply(rate).toString());

        // a zero-ish bid (1 wei of RAD), nobody outbids it: deal gives Dave the whole lot after ttl
        long t2 = t1 + 10;
        dss.giveDai(DAVE, rad(10), t2);
        ok(DAVE, dss.vat(), DssChain.hope(dss.flip()), t2);
        assertThat(ok(DAVE, dss.flip(), DssChain.tend(ONE_ID, dink, BigInteger.ONE), t2))
                .isEmpty();
        long tic = t2 + spec.flip().ttl();
        assertThat(one(DssView.flipBids(ONE_ID), t2))
                .isEqualTo("1," + dink + "," + hex(DAVE) + "," + tic + "," + end1 + "," + hex(CAROL) + ","
                        + hex(dss.vow()) + "," + tab);
        assertThat(reverts(DAVE, dss.flip(), DssChain.deal(ONE_ID), t2))
                .isEqualTo(new EvmRevert.ErrorString("Flipper/not-finished"));
        long t3 = tic + 1;
        assertThat(ok(KEEPER, dss.flip(), DssChain.deal(ONE_ID), t3)).isEmpty();
        String zero = Address.ZERO.hex();
        assertThat(read(
                        t3,
                        DssView.flipBids(ONE_ID),
                        DssView.catLitter(),
                        DssView.vatGem(ilk(), DAVE),
                        DssView.vatDai(DAVE),
                        DssView.vatDai(dss.vow())))
                .containsExactly(
                        "0,0," + zero + ",0,0," + zero + "," + zero + ",0",
                        "0",
                        dink.toString(),
                        rad(10).subtract(BigInteger.ONE).toString(),
                        fees.add(BigInteger.ONE).toString());

        // the rest of the vault is still unsafe: a second bite, again capped by dunk
        BigInteger ink2 = ink.subtract(dink);
        BigInteger art2 = art.subtract(dart);
        BigInteger dart2 = min(
                art2,
                spec.cat().dunk().multiply(WAD).divide(rate).divide(spec.cat().chop()));
        BigInteger lot2 = min(ink2, ink2.multiply(dart2).divide(art2));
        BigInteger tab2 = dart2.multiply(rate).multiply(spec.cat().chop()).divide(WAD);
        assertThat(ok(KEEPER, dss.cat(), DssChain.bite(ilk(), CAROL), t3))
                .containsExactly(
                        Log.of(dss.flip(), "Kick", TWO_ID, lot2, BigInteger.ZERO, tab2, CAROL, dss.vow()),
                        Log.of(dss.cat(), "Bite", ilk(), CAROL, lot2, dart2, dart2.multiply(rate), dss.flip(), TWO_ID));

        // no bid until the end: tick restarts it
        long end2 = t3 + spec.flip().tau();
        assertThat(reverts(KEEPER, dss.flip(), DssChain.tick(TWO_ID), end2))
                .isEqualTo(new EvmRevert.ErrorString("Flipper/not-finished"));
        long t4 = end2 + 1;
        assertThat(ok(KEEPER, dss.flip(), DssChain.tick(TWO_ID), t4)).isEmpty();
        long end2b = t4 + spec.flip().tau();

        // Erin bids the whole tab (tend phase over at once), Frank dents the lot by beg, deal after ttl
        long t5 = t4 + 1;
        dss.giveDai(ERIN, rad(100_000), t5);
        dss.giveDai(FRANK, rad(100_000), t5);
        ok(ERIN, dss.vat(), DssChain.hope(dss.flip()), t5);
        ok(FRANK, dss.vat(), DssChain.hope(dss.flip()), t5);
        assertThat(ok(ERIN, dss.flip(), DssChain.tend(TWO_ID, lot2, tab2), t5)).isEmpty();
        BigInteger lot3 = lot2.multiply(WAD).divide(spec.flip().beg());
        assertThat(reverts(FRANK, dss.flip(), DssChain.dent(TWO_ID, lot3.add(BigInteger.ONE), tab2), t5))
                .isEqualTo(new EvmRevert.ErrorString("Flipper/insufficient-decrease"));
        assertThat(ok(FRANK, dss.flip(), DssChain.dent(TWO_ID, lot3, tab2), t5)).isEmpty();
        long tic2 = t5 + spec.flip().ttl();
        assertThat(read(
                        t5,
                        DssView.flipBids(TWO_ID),
                        DssView.vatGem(ilk(), CAROL),
                        DssView.vatDai(ERIN),
                        DssView.vatDai(FRANK)))
                .containsExactly(
                        tab2 + "," + lot3 + "," + hex(FRANK) + "," + tic2 + "," + end2b + "," + hex(CAROL) + ","
                                + hex(dss.vow()) + "," + tab2,
                        lot2.subtract(lot3).toString(),
                        rad(100_000).toString(),
                        rad(100_000).subtract(tab2).toString());
        assertThat(ok(KEEPER, dss.flip(), DssChain.deal(TWO_ID), tic2 + 1)).isEmpty();
        assertThat(read(
                        tic2 + 1,
                        DssView.vatGem(ilk(), FRANK),
                        DssView.catLitter(),
                        DssView.vatDai(dss.vow()),
                        DssView.vatUrns(ilk(), CAROL),
                        DssView.vatGem(ilk(), dss.flip())))
                .containsExactly(
                        lot3.toString(),
                        "0",
                        fees.add(BigInteger.ONE).add(tab2).toString(),
                        ink2.subtract(lot2) + "," + art2.subtract(dart2),
                        "0");
    }

    @Test
    void revertsDecodeToTheirReasons() {
        long t0 = dss.deployedAt();
        openVault(ALICE, wad(100), wad(100_000), t0);
        assertThat(reverts(KEEPER, dss.dog(), DssChain.bark(ilk(), ALICE, KEEPER), t0))
                .isEqualTo(new EvmRevert.ErrorString("Dog/not-unsafe"));
        assertThat(reverts(KEEPER, dss.cat(), DssChain.bite(ilk(), ALICE), t0))
                .isEqualTo(new EvmRevert.ErrorString("Cat/not-unsafe"));
        assertThat(reverts(
                        ALICE, dss.vat(), DssChain.frob(ilk(), ALICE, ALICE, ALICE, BigInteger.ZERO, wad(40_000)), t0))
                .isEqualTo(new EvmRevert.ErrorString("Vat/not-safe"));
        assertThat(reverts(BOB, dss.vat(), DssChain.frob(ilk(), ALICE, ALICE, BOB, BigInteger.ZERO, wad(1)), t0))
                .isEqualTo(new EvmRevert.ErrorString("Vat/not-allowed-u"));
        // dss's bare require(c) (here the gem underflow of _sub) reverts without data
        assertThat(reverts(BOB, dss.vat(), DssChain.frob(ilk(), BOB, BOB, BOB, wad(1), BigInteger.ZERO), t0))
                .isEqualTo(new EvmRevert.Empty());
        assertThat(reverts(BOB, dss.vat(), DssChain.slip(ilk(), BOB, wad(1)), t0))
                .isEqualTo(new EvmRevert.ErrorString("Vat/not-authorized"));
        assertThat(reverts(BOB, dss.clip(), DssChain.take(ONE_ID, wad(1), RAY, BOB), t0))
                .isEqualTo(new EvmRevert.ErrorString("Clipper/not-running-auction"));
        assertThat(reverts(BOB, dss.clip(), DssChain.yank(ONE_ID), t0))
                .isEqualTo(new EvmRevert.ErrorString("Clipper/not-authorized"));
        assertThat(reverts(BOB, dss.flip(), DssChain.tend(n(42), BigInteger.ZERO, BigInteger.ZERO), t0))
                .isEqualTo(new EvmRevert.ErrorString("Flipper/guy-not-set"));
        assertThat(dss.ward(dss.clip(), DssChain.clipStopped(3), t0))
                .containsExactly(Log.of(dss.clip(), "File", DssSpec.bytes32("stopped"), n(3)));
        assertThat(reverts(BOB, dss.clip(), DssChain.take(ONE_ID, wad(1), RAY, BOB), t0))
                .isEqualTo(new EvmRevert.ErrorString("Clipper/stopped-incorrect"));
        assertThat(one(DssView.clipStopped(), t0)).isEqualTo("3");

        // solc 0.6 divides by zero with the INVALID opcode: the Cat divides by its chop
        dss.ward(dss.cat(), DssChain.fileIlkUint(ilk(), "chop", BigInteger.ZERO), t0);
        dss.setPrice(wad(1_300), t0);
        assertThat(reverts(KEEPER, dss.cat(), DssChain.bite(ilk(), ALICE), t0)).isEqualTo(DssChain.INVALID_OPCODE);
        assertThat(DssChain.INVALID_OPCODE).isEqualTo(new EvmRevert.InvalidOpcode());
        // the Clipper's revert bubbles up through the Dog (kick needs stopped < 1)
        assertThat(reverts(KEEPER, dss.dog(), DssChain.bark(ilk(), ALICE, KEEPER), t0))
                .isEqualTo(new EvmRevert.ErrorString("Clipper/stopped-incorrect"));
        // a revert mines nothing: once the breaker is reset, the Dog liquidates the vault at the same time
        dss.ward(dss.clip(), DssChain.clipStopped(0), t0);
        assertThat(ok(KEEPER, dss.dog(), DssChain.bark(ilk(), ALICE, KEEPER), t0))
                .extracting(Log::event)
                .containsExactly("Kick", "Bark");
    }

    @Test
    void theThreeAbaciPriceAsTheirFormulas() {
        long t0 = dss.deployedAt();
        BigInteger top = n(1_560).multiply(RAY);
        long tau = 3_600;
        BigInteger expCut = DssSpec.fraction(999, 1_000, RAY);
        Address linear = dss.deployCalc(new DssSpec.Calc.Linear(tau));
        Address exponential = dss.deployCalc(new DssSpec.Calc.Exponential(expCut));
        Address broken = dss.deployCalc(new DssSpec.Calc.Stairstep(0, expCut));
        DssSpec.Calc.Stairstep stair =
                (DssSpec.Calc.Stairstep) dss.spec().clip().calc();
        long[] durs = {0, 1, 89, 90, 91, 1_799, 3_599, 3_600, 86_400};
        List<DssView> views = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (long dur : durs) {
            views.add(DssView.calcPrice(linear.hex(), top, n(dur)));
            expected.add((dur >= tau
                            ? BigInteger.ZERO
                            : rmul(top, n(tau - dur).multiply(RAY).divide(n(tau))))
                    .toString());
            views.add(DssView.calcPrice(exponential.hex(), top, n(dur)));
            expected.add(rmul(top, rpow(expCut, dur, RAY)).toString());
            views.add(DssView.calcPrice(top, n(dur)));
            expected.add(rmul(top, rpow(stair.cut(), dur / stair.step(), RAY)).toString());
        }
        // step 0: dur / step divides by zero
        views.add(DssView.calcPrice(broken.hex(), top, n(100)));
        expected.add("revert " + DssChain.INVALID_OPCODE);
        assertThat(dss.read(views, t0)).containsExactlyElementsOf(expected);
    }

    @Test
    void timesNeverGoBack() {
        long t0 = dss.deployedAt();
        ok(BOB, dss.jug(), DssChain.drip(ilk()), t0 + 100);
        assertThatThrownBy(() -> dss.send(BOB, dss.jug(), DssChain.drip(ilk()), t0 + 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not be before the latest block's");
        assertThat(one(DssView.jugIlks(ilk()), t0)).endsWith("," + (t0 + 100));
    }
}
