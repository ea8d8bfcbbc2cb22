package dev.solvent.mirror.maker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.maker.DssState.Abacus;
import dev.solvent.mirror.maker.DssState.Bid;
import dev.solvent.mirror.maker.DssState.Cat;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Sale;
import dev.solvent.mirror.maker.DssState.Urn;
import dev.solvent.mirror.maker.DssState.Vat;
import io.vavr.collection.HashSet;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The mirrored dss system deployed and wired the way dss's own test contracts do it in {@code setUp()}
 * ({@code makerdao/dss} at fa4f6630: {@code clip.t.sol}, {@code dog.t.sol}, {@code flip.t.sol} and the {@code
 * BiteTest} of {@code vat.t.sol}). The test contract itself is {@link #ME}: it deploys every contract, so it is each
 * one's ward, exactly as {@code address(this)} is in those tests.
 *
 * <p>Contracts come from {@link DssState#deployed} and {@link Dss#withClipper}/{@link Dss#withCalc}/{@link
 * Dss#withFlipper} (their constructors); everything after that is a {@link DssCall} run through {@link Dss#execute}.
 * Time is {@code hevm.warp}: {@link #warp}. A {@code DSValue} pip is an entry of the block's feeds: {@link #pokePip}.
 *
 * <p>Only the test-only subclasses the Solidity suites add to a contract ({@code Vat_.mint}, {@code TestVat.mint}, the
 * {@code Cat_} constructor's litter) are direct edits of the state, since no dss function does what they do. dss's
 * mocks ({@code VowMock}, {@code ClipperMock} of {@code dog.t.sol}) are replaced by the mirrored Vow and Clipper, wired
 * so that they move nothing a Dog test asserts (see {@link #dogTest}).
 */
final class DssFixture {

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger RAY = BigInteger.TEN.pow(27);
    static final BigInteger RAD = BigInteger.TEN.pow(45);
    static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    /** {@code startTime} of clip.t.sol and abaci.t.sol, and the first warp of flip.t.sol and vat.t.sol. */
    static final long START = 604_411_200L;

    /** The test contract, {@code address(this)}: deployer and ward of everything. */
    static final Address ME = Address.ofNumber(0xD55_0001L);

    static final Address VAT = Address.ofNumber(0xD55_1001L);
    static final Address JUG = Address.ofNumber(0xD55_1002L);
    static final Address SPOT = Address.ofNumber(0xD55_1003L);
    static final Address VOW = Address.ofNumber(0xD55_1004L);
    static final Address DOG = Address.ofNumber(0xD55_1005L);
    static final Address CAT = Address.ofNumber(0xD55_1006L);
    static final Address FLAP = Address.ofNumber(0xD55_1007L);
    static final Address FLOP = Address.ofNumber(0xD55_1008L);
    static final Address CLIP = Address.ofNumber(0xD55_1009L);
    static final Address CLIP2 = Address.ofNumber(0xD55_100AL);
    static final Address FLIP = Address.ofNumber(0xD55_100BL);
    static final Address PIP = Address.ofNumber(0xD55_100CL);
    static final Address PIP2 = Address.ofNumber(0xD55_100DL);
    static final Address CALC = Address.ofNumber(0xD55_100EL);
    static final Address GOLD_JOIN = Address.ofNumber(0xD55_100FL);
    static final Address DAI_JOIN = Address.ofNumber(0xD55_1010L);
    static final Address GEM_A = Address.ofNumber(0xD55_1011L);

    /** The Guys of clip.t.sol and flip.t.sol, the Trader {@code che} of clip.t.sol, and flip.t.sol's {@code Gal}. */
    static final Address ALI = Address.ofNumber(0xD55_2001L);

    static final Address BOB = Address.ofNumber(0xD55_2002L);
    static final Address CHE = Address.ofNumber(0xD55_2003L);
    static final Address GAL = Address.ofNumber(0xD55_2004L);

    private DssState state;
    private long now;
    private final Map<Address, DssBlock.Peek> pips = new HashMap<>();

    private DssFixture(DssState state, long now) {
        this.state = state;
        this.now = now;
    }

    // ---- units, as the Solidity tests write them

    /** {@return a decimal literal with {@code ether} after it, e.g. {@code "1.1"} for {@code 1.1 ether}} */
    static BigInteger wad(String decimal) {
        return new BigDecimal(decimal).movePointRight(18).toBigIntegerExact();
    }

    /** {@return {@code n ether}} */
    static BigInteger wad(long n) {
        return BigInteger.valueOf(n).multiply(WAD);
    }

    /** clip.t.sol's {@code ray(wad) = wad * 10 ** 9}. */
    static BigInteger ray(BigInteger wad) {
        return wad.multiply(BigInteger.TEN.pow(9));
    }

    /** clip.t.sol's {@code rad(wad) = wad * 10 ** 27}. */
    static BigInteger rad(BigInteger wad) {
        return wad.multiply(RAY);
    }

    static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }

    // ---- running calls

    /** {@return the block calls run in now} */
    DssBlock block() {
        return new DssBlock(now, pips);
    }

    DssState state() {
        return state;
    }

    long now() {
        return now;
    }

    /** {@code hevm.warp(t)}. */
    void warp(long t) {
        now = t;
    }

    /** {@code pip.poke(bytes32(val))} of a {@code DSValue}: from then on {@code peek()} answers {@code (val, true)}. */
    void pokePip(Address pip, BigInteger val) {
        pips.put(pip, new DssBlock.Peek(val, true));
    }

    /** Runs a call that must succeed, as a plain Solidity call in a test does. */
    Dss.DssReceipt call(DssCall call) {
        Either<EvmRevert, Dss.DssReceipt> r = Dss.execute(state, call, block());
        assertThat(r.isRight())
                .as("%s should succeed, reverted with %s", call, r.isLeft() ? r.getLeft() : null)
                .isTrue();
        state = r.get().state();
        return r.get();
    }

    /** Runs calls in order, each of which must succeed. */
    void calls(DssCall... calls) {
        for (DssCall c : calls) {
            call(c);
        }
    }

    /** {@return why a call that must revert reverted} The state stays as it was. */
    EvmRevert reverts(DssCall call) {
        Either<EvmRevert, Dss.DssReceipt> r = Dss.execute(state, call, block());
        assertThat(r.isLeft()).as("%s should revert", call).isTrue();
        return r.getLeft();
    }

    /** The {@code try_...} helpers of the tests: a low-level call, applied when it succeeds. */
    boolean tryCall(DssCall call) {
        Either<EvmRevert, Dss.DssReceipt> r = Dss.execute(state, call, block());
        r.forEach(receipt -> state = receipt.state());
        return r.isRight();
    }

    // ---- the test-only subclasses' helpers, as direct edits

    /** flip.t.sol's {@code Vat_.mint(usr, wad)}: {@code dai[usr] += wad}, nothing else. */
    void mintDai(Address usr, BigInteger amount) {
        Vat v = state.vat();
        putVat(new Vat(
                v.address(),
                v.wards(),
                v.can(),
                v.ilks(),
                v.urns(),
                v.gem(),
                v.dai().put(usr, v.dai(usr).add(amount)),
                v.sin(),
                v.debt(),
                v.vice(),
                v.Line(),
                v.live()));
    }

    /** vat.t.sol's {@code TestVat.mint(usr, wad)}: {@code dai[usr] += wad * ONE; debt += wad * ONE}. */
    void mintDaiAndDebt(Address usr, BigInteger wad) {
        BigInteger amount = wad.multiply(RAY);
        mintDai(usr, amount);
        Vat v = state.vat();
        putVat(new Vat(
                v.address(),
                v.wards(),
                v.can(),
                v.ilks(),
                v.urns(),
                v.gem(),
                v.dai(),
                v.sin(),
                v.debt().add(amount),
                v.vice(),
                v.Line(),
                v.live()));
    }

    private void putVat(Vat v) {
        DssState s = state;
        state = new DssState(v, s.jug(), s.spotter(), s.vow(), s.dog(), s.cat(), s.clippers(), s.calcs(), s.flippers());
    }

    private void putCatLitter(BigInteger litter) {
        DssState s = state;
        Cat c = s.cat();
        Cat next = new Cat(c.address(), c.wards(), c.vat(), c.ilks(), c.vow(), c.live(), c.box(), litter);
        state = new DssState(
                s.vat(), s.jug(), s.spotter(), s.vow(), s.dog(), next, s.clippers(), s.calcs(), s.flippers());
    }

    /** {@code new Clipper(vat, spot, dog, ilk)} by {@link #ME}. */
    void deployClipper(Address at, String ilk) {
        state = Dss.withClipper(state, at, ME, ilk);
    }

    /** {@code new LinearDecrease()} etc. by {@link #ME}: the curve with all its numbers zero. */
    void deployCalc(Abacus calc) {
        state = Dss.withCalc(state, calc);
    }

    static Abacus.LinearDecrease linearDecrease(Address at) {
        return new Abacus.LinearDecrease(at, HashSet.of(ME), BigInteger.ZERO);
    }

    static Abacus.StairstepExponentialDecrease stairstep(Address at) {
        return new Abacus.StairstepExponentialDecrease(at, HashSet.of(ME), BigInteger.ZERO, BigInteger.ZERO);
    }

    static Abacus.ExponentialDecrease exponential(Address at) {
        return new Abacus.ExponentialDecrease(at, HashSet.of(ME), BigInteger.ZERO);
    }

    // ---- calls by the test contract, spelled as the tests spell them

    static DssCall rely(Address target, Address usr) {
        return new DssCall.Rely(ME, target, usr);
    }

    static DssCall file(Address target, String what, BigInteger data) {
        return new DssCall.FileUint(ME, target, what, data);
    }

    static DssCall file(Address target, String what, Address data) {
        return new DssCall.FileAddress(ME, target, what, data);
    }

    static DssCall file(Address target, String ilk, String what, BigInteger data) {
        return new DssCall.FileIlkUint(ME, target, ilk, what, data);
    }

    static DssCall file(Address target, String ilk, String what, Address data) {
        return new DssCall.FileIlkAddress(ME, target, ilk, what, data);
    }

    static DssCall init(Address target, String ilk) {
        return new DssCall.Init(ME, target, ilk);
    }

    static DssCall slip(String ilk, Address usr, BigInteger wad) {
        return new DssCall.Slip(ME, ilk, usr, wad);
    }

    static DssCall suck(Address u, Address v, BigInteger rad) {
        return new DssCall.Suck(ME, u, v, rad);
    }

    static DssCall hope(Address owner, Address usr) {
        return new DssCall.Hope(owner, usr);
    }

    static DssCall frob(String ilk, Address u, BigInteger dink, BigInteger dart) {
        return new DssCall.Frob(u, ilk, u, u, u, dink, dart);
    }

    static DssCall poke(String ilk) {
        return new DssCall.Poke(ME, ilk);
    }

    static DssCall fold(String ilk, Address u, BigInteger rate) {
        return new DssCall.Fold(ME, ilk, u, rate);
    }

    // ---- reading state

    Urn urn(String ilk, Address usr) {
        return state.vat().urn(ilk, usr);
    }

    BigInteger gem(String ilk, Address usr) {
        return state.vat().gem(ilk, usr);
    }

    BigInteger dai(Address usr) {
        return state.vat().dai(usr);
    }

    BigInteger rate(String ilk) {
        return state.vat().ilk(ilk).rate();
    }

    Clipper clip(Address at) {
        return state.clippers().get(at).get();
    }

    Sale sale(Address clip, long id) {
        return clip(clip).sale(big(id));
    }

    Dss.Status status(Address clip, long id) {
        return Dss.getStatus(state, block(), clip, big(id));
    }

    BigInteger Dirt() {
        return state.dog().Dirt();
    }

    BigInteger dirt(String ilk) {
        return state.dog().ilk(ilk).dirt();
    }

    BigInteger chop(String ilk) {
        return state.dog().ilk(ilk).chop();
    }

    Bid bid(long id) {
        return state.flippers().get(FLIP).get().bid(big(id));
    }

    BigInteger litter() {
        return state.cat().litter();
    }

    /** vat.t.sol's {@code TestVow.Woe()}: {@code vat.sin(vow) - Sin - Ash}. */
    BigInteger woe() {
        return state.vat()
                .sin(VOW)
                .subtract(state.vow().Sin())
                .subtract(state.vow().Ash());
    }

    BigInteger vowSin(long era) {
        return state.vow().sin(big(era));
    }

    // ---- the setUps

    /** abaci.t.sol {@code setUp()}: only {@code hevm.warp(startTime)}; each test deploys its own curve. */
    static DssFixture abaciTest() {
        return new DssFixture(DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, ME), START);
    }

    /** {@code calc.price(top, dur)} of the curve deployed at {@code calc}. */
    BigInteger price(Address calc, BigInteger top, BigInteger dur) {
        return Dss.price(state.calcs().get(calc).get(), top, dur);
    }

    /**
     * clip.t.sol {@code ClipperTest.setUp()}: ilk "gold", the pip at 5 then 4 DAI, mat 200%, dust 20 DAI, chop 10%,
     * hole and Hole 1000 DAI, the Clipper with its {@code chost} cached and the Dog relied, and the test contract's
     * vault of 40 gold and 100 DAI left unsafe. {@code ali}, {@code bob} and the test contract hope the Clipper and
     * hold 1000 DAI each. The Clipper's {@code vow} is never filed there: it stays {@code address(0)}.
     */
    static DssFixture clipTest() {
        String ilk = "gold";
        DssFixture f = new DssFixture(DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, ME), START);
        f.calls(
                rely(VAT, SPOT),
                // GemJoin and DaiJoin: wards of the Vat; the DaiJoin is given 1000 DAI
                rely(VAT, GOLD_JOIN),
                suck(Address.ZERO, DAI_JOIN, rad(wad(1000))),
                file(DOG, "vow", VOW),
                rely(VAT, DOG),
                rely(VOW, DOG),
                init(VAT, ilk),
                slip(ilk, ME, wad(1000)));
        f.pokePip(PIP, wad(5)); // goldPrice: spot = 2.5
        f.calls(
                file(SPOT, ilk, "pip", PIP),
                file(SPOT, ilk, "mat", ray(wad(2))),
                poke(ilk),
                file(VAT, ilk, "dust", rad(wad(20))),
                file(VAT, ilk, "line", rad(wad(10_000))),
                file(VAT, "Line", rad(wad(10_000))),
                file(DOG, ilk, "chop", wad("1.1")),
                file(DOG, ilk, "hole", rad(wad(1000))),
                file(DOG, "Hole", rad(wad(1000))));
        f.state = Dss.withClipper(f.state, CLIP, ME, ilk);
        f.calls(
                new DssCall.Upchost(ME, CLIP),
                rely(CLIP, DOG),
                file(DOG, ilk, "clip", CLIP),
                rely(DOG, CLIP),
                rely(VAT, CLIP));
        assertThat(f.gem(ilk, ME)).isEqualTo(wad(1000));
        assertThat(f.dai(ME)).isZero();
        f.call(frob(ilk, ME, wad(40), wad(100)));
        assertThat(f.gem(ilk, ME)).isEqualTo(wad(960));
        assertThat(f.dai(ME)).isEqualTo(rad(wad(100)));
        f.pokePip(PIP, wad(4)); // spot = 2: now unsafe
        f.calls(
                poke(ilk),
                hope(ME, CLIP),
                hope(ALI, CLIP),
                hope(BOB, CLIP),
                suck(Address.ZERO, ME, rad(wad(1000))),
                suck(Address.ZERO, ALI, rad(wad(1000))),
                suck(Address.ZERO, BOB, rad(wad(1000))));
        return f;
    }

    /**
     * clip.t.sol's {@code takeSetup} modifier: a StairstepExponentialDecrease of 1% a second, buf 125%, cusp 30%, tail
     * one hour, then the test contract barks its vault: auction 1 of 40 gold for 110 DAI at a top of 5.
     */
    void takeSetup() {
        deployCalc(stairstep(CALC));
        calls(
                file(CALC, "cut", RAY.subtract(ray(wad("0.01")))),
                file(CALC, "step", BigInteger.ONE),
                file(CLIP, "buf", ray(wad("1.25"))),
                file(CLIP, "calc", CALC),
                file(CLIP, "cusp", ray(wad("0.3"))),
                file(CLIP, "tail", big(3600)));
        assertThat(urn("gold", ME)).isEqualTo(new Urn(wad(40), wad(100)));
        assertThat(clip(CLIP).kicks()).isZero();
        call(new DssCall.Bark(ME, "gold", ME, ME));
        assertThat(clip(CLIP).kicks()).isEqualTo(BigInteger.ONE);
        assertThat(urn("gold", ME)).isEqualTo(Urn.NONE);
        assertThat(sale(CLIP, 1))
                .isEqualTo(new Sale(BigInteger.ZERO, rad(wad(110)), wad(40), ME, big(now), ray(wad(5))));
        assertThat(gem("gold", ALI)).isZero();
        assertThat(dai(ALI)).isEqualTo(rad(wad(1000)));
        assertThat(gem("gold", BOB)).isZero();
        assertThat(dai(BOB)).isEqualTo(rad(wad(1000)));
    }

    /**
     * clip.t.sol's {@code auctionResetSetup(tau)}: a LinearDecrease to zero in {@code tau} seconds, dust 20 DAI, buf
     * 125%, cusp 50%, tail one hour, then the bark of auction 1.
     */
    void auctionResetSetup(long tau) {
        deployCalc(linearDecrease(CALC));
        calls(
                file(CALC, "tau", big(tau)),
                file(VAT, "gold", "dust", rad(wad(20))),
                file(CLIP, "buf", ray(wad("1.25"))),
                file(CLIP, "calc", CALC),
                file(CLIP, "cusp", ray(wad("0.5"))),
                file(CLIP, "tail", big(3600)));
        assertThat(clip(CLIP).kicks()).isZero();
        call(new DssCall.Bark(ME, "gold", ME, ME));
        assertThat(clip(CLIP).kicks()).isEqualTo(BigInteger.ONE);
    }

    /**
     * dog.t.sol {@code DogTest.setUp()}: ilk "gold" with spot 1000 (filed straight into the Vat) and dust 100 DAI,
     * chop 110%, hole and Hole 10,000 DAI. Block time is clip.t.sol's start (dog.t.sol never warps).
     *
     * <p>dog.t.sol points the Dog at a {@code VowMock} (an empty {@code fess}) and a {@code ClipperMock} (a {@code
     * kick} that returns 42). Here the Dog's vow is the mirrored Vow, relying the Dog so {@code fess} succeeds, and its
     * clip a mirrored Clipper relying the Dog, with a pip at 1000 DAI so {@code kick} has a top, and no tip or chip, so
     * a kick sucks no DAI. Neither changes a value dog.t.sol asserts (the Vat's urns, the Dog's Dirt and dirt).
     */
    static DssFixture dogTest() {
        String ilk = "gold";
        DssFixture f = new DssFixture(DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, ME), START);
        f.calls(
                init(VAT, ilk),
                file(VAT, ilk, "spot", THOUSAND.multiply(RAY)),
                file(VAT, ilk, "dust", big(100).multiply(RAD)));
        f.state = Dss.withClipper(f.state, CLIP, ME, ilk);
        f.pokePip(PIP, wad(1000));
        f.calls(
                file(SPOT, ilk, "pip", PIP),
                rely(CLIP, DOG),
                rely(VOW, DOG),
                rely(VAT, DOG),
                file(DOG, ilk, "chop", big(11).multiply(WAD).divide(big(10))),
                file(DOG, "vow", VOW),
                file(DOG, ilk, "clip", CLIP),
                file(DOG, "Hole", big(10).multiply(THOUSAND).multiply(RAD)),
                file(DOG, ilk, "hole", big(10).multiply(THOUSAND).multiply(RAD)));
        return f;
    }

    /** dog.t.sol's {@code usr = address(1337)}. */
    static final Address DOG_USR = Address.ofNumber(1337);

    /**
     * dog.t.sol's {@code setUrn(ink, art)}: slip {@code ink} gem to {@code usr}, suck {@code art * rate} to the vow,
     * and grab the vault {@code (ink, art)} into being.
     */
    void setUrn(BigInteger ink, BigInteger art) {
        String ilk = "gold";
        calls(
                slip(ilk, DOG_USR, ink),
                suck(VOW, VOW, art.multiply(rate(ilk))),
                new DssCall.Grab(ME, ilk, DOG_USR, DOG_USR, VOW, ink, art));
        Urn u = urn(ilk, DOG_USR);
        assertThat(u.ink()).isEqualTo(ink);
        assertThat(u.art()).isEqualTo(art);
    }

    /** dog.t.sol's {@code isDusty()}: the vault owes something, and less than dust. */
    boolean isDusty() {
        DssState.VatIlk i = state.vat().ilk("gold");
        BigInteger due = urn("gold", DOG_USR).art().multiply(i.rate());
        return due.signum() > 0 && due.compareTo(i.dust()) < 0;
    }

    /**
     * flip.t.sol {@code FlipTest.setUp()}: at time {@link #START}, a {@code Vat_} with ilk "gems", a {@code Cat_}
     * whose litter starts at 5 million DAI, a Flipper for "gems" relied by the Cat, {@code ali}, {@code bob} and the
     * test contract hoping the Flipper, 1000 gems slipped to the test contract and 200 (wei-units, as {@code Vat_.mint}
     * takes them) DAI minted to {@code ali} and {@code bob}.
     */
    static DssFixture flipTest() {
        DssFixture f = new DssFixture(DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, ME), START);
        f.putCatLitter(big(5_000_000).multiply(RAD));
        f.call(init(VAT, "gems"));
        f.state = Dss.withFlipper(f.state, FLIP, ME, "gems");
        f.calls(rely(CAT, FLIP), hope(ALI, FLIP), hope(BOB, FLIP), hope(ME, FLIP), slip("gems", ME, wad(1000)));
        f.mintDai(ALI, wad(200));
        f.mintDai(BOB, wad(200));
        return f;
    }

    /** flip.t.sol's {@code usr = address(0xacab)}. */
    static final Address FLIP_USR = Address.ofNumber(0xacab);

    /** flip.t.sol's {@code flip.kick({lot, tab, usr, gal, bid: 0})}, sent by the test contract. */
    static DssCall flipKick(BigInteger lot, BigInteger tab) {
        return new DssCall.FlipKick(ME, FLIP, FLIP_USR, GAL, tab, lot, BigInteger.ZERO);
    }

    /**
     * vat.t.sol {@code BiteTest.setUp()}: at time {@link #START}, a Jug with "gold" initialised, a Cat with a box of 10
     * million DAI, 1000 gold joined by the test contract (the GemJoin is a Vat ward that slips it), spot 1, line and
     * Line 1000 DAI, and a Flipper for "gold" with chop 100%. The flapper and flopper are addresses only: no test
     * ported here reaches them.
     */
    static DssFixture biteTest() {
        String ilk = "gold";
        DssFixture f = new DssFixture(DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, FLAP, ME), START);
        f.calls(
                init(JUG, ilk),
                file(JUG, "vow", VOW),
                rely(VAT, JUG),
                file(CAT, "vow", VOW),
                file(CAT, "box", rad(wad(10_000_000))),
                rely(VAT, CAT),
                rely(VOW, CAT),
                init(VAT, ilk),
                rely(VAT, GEM_A),
                new DssCall.Slip(GEM_A, ilk, ME, wad(1000)),
                file(VAT, ilk, "spot", ray(wad(1))),
                file(VAT, ilk, "line", rad(wad(1000))),
                file(VAT, "Line", rad(wad(1000))));
        f.state = Dss.withFlipper(f.state, FLIP, ME, ilk);
        f.calls(
                rely(FLIP, CAT),
                rely(CAT, FLIP),
                file(CAT, ilk, "flip", FLIP),
                file(CAT, ilk, "chop", wad(1)),
                rely(VAT, FLIP),
                rely(VAT, FLAP),
                rely(VAT, FLOP),
                hope(ME, FLIP),
                hope(ME, FLOP));
        return f;
    }
}
