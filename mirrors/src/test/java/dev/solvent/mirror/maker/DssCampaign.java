package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.mirror.maker.DssState.Abacus;
import io.vavr.collection.HashSet;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one sequence of {@link DssSteps} on the Maker mirror and on dss's bytecode on anvil: each step becomes one
 * concrete call (sized from the mirror's state), both results must be equal (success and every event, or the same
 * revert), then every view must read the same; the first difference stops the run with the trace.
 */
final class DssCampaign {

    static final BigInteger WAD = DssSpec.WAD;
    static final BigInteger RAY = DssSpec.RAY;
    static final BigInteger RAD = DssSpec.RAD;
    private static final long BLOCK_SECONDS = 12;
    private static final int VIEWED_AUCTIONS = 6;
    /** Wall time spent executing the same calls on each side, reported (never asserted) at the campaign's end. */
    static final java.util.concurrent.atomic.AtomicLong MIRROR_NANOS = new java.util.concurrent.atomic.AtomicLong();

    static final java.util.concurrent.atomic.AtomicLong CHAIN_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong TIMED_CALLS = new java.util.concurrent.atomic.AtomicLong();

    /** A system deployed on both sides: the chain's snapshot and the mirror's matching state. */
    record Market(
            DssChain chain,
            String ilk,
            List<Address> actors,
            DssState mirror,
            BigInteger price,
            long start,
            DssMirrorViews views) {}

    /** What a run reached, for the coverage gates and the closing figures. */
    record Outcome(
            int actions,
            int reverts,
            int barks,
            int takes,
            boolean partialBark,
            boolean dustyFullBark,
            boolean takeEmptiesLot,
            boolean redoWithIncentive,
            boolean redoWithout,
            boolean zeroBidWin) {}

    private DssCampaign() {}

    static Market deploy(AnvilChain anvil, DssSpec spec) {
        DssChain chain = DssChain.deploy(anvil, spec);
        long at = chain.deployedAt();
        Address d = DssChain.DEPLOYER;
        String ilk = spec.ilk();
        DssState s = DssState.deployed(
                chain.vat(), chain.jug(), chain.spot(), chain.vow(), chain.dog(), chain.cat(), Address.ZERO, d);
        Abacus calc = switch (spec.clip().calc()) {
            case DssSpec.Calc.Linear l -> new Abacus.LinearDecrease(chain.calc(), HashSet.of(d), BigInteger.ZERO);
            case DssSpec.Calc.Stairstep x ->
                new Abacus.StairstepExponentialDecrease(chain.calc(), HashSet.of(d), BigInteger.ZERO, BigInteger.ZERO);
            case DssSpec.Calc.Exponential x ->
                new Abacus.ExponentialDecrease(chain.calc(), HashSet.of(d), BigInteger.ZERO);
        };
        s = Dss.withCalc(s, calc);
        s = Dss.withClipper(s, chain.clip(), d, ilk);
        s = Dss.withFlipper(s, chain.flip(), d, ilk);
        DssBlock block = new DssBlock(at, Map.of(chain.pip(), new DssBlock.Peek(spec.price(), true)));
        List<DssCall> wiring = new ArrayList<>(List.of(
                new DssCall.Rely(d, chain.vat(), chain.spot()),
                new DssCall.Rely(d, chain.vat(), chain.jug()),
                new DssCall.FileAddress(d, chain.jug(), "vow", chain.vow()),
                new DssCall.FileAddress(d, chain.dog(), "vow", chain.vow()),
                new DssCall.Rely(d, chain.vat(), chain.dog()),
                new DssCall.Rely(d, chain.vow(), chain.dog()),
                new DssCall.FileAddress(d, chain.cat(), "vow", chain.vow()),
                new DssCall.Rely(d, chain.vat(), chain.cat()),
                new DssCall.Rely(d, chain.vow(), chain.cat()),
                new DssCall.Init(d, chain.vat(), ilk),
                new DssCall.FileUint(d, chain.vat(), "Line", spec.vat().Line()),
                new DssCall.FileIlkUint(d, chain.vat(), ilk, "line", spec.vat().line()),
                new DssCall.FileIlkUint(d, chain.vat(), ilk, "dust", spec.vat().dust()),
                new DssCall.FileIlkAddress(d, chain.spot(), ilk, "pip", chain.pip()),
                new DssCall.FileUint(d, chain.spot(), "par", spec.spot().par()),
                new DssCall.FileIlkUint(d, chain.spot(), ilk, "mat", spec.spot().mat()),
                new DssCall.Poke(d, ilk),
                new DssCall.Init(d, chain.jug(), ilk),
                new DssCall.FileIlkUint(d, chain.jug(), ilk, "duty", spec.jug().duty()),
                new DssCall.FileUint(d, chain.jug(), "base", spec.jug().base()),
                new DssCall.Drip(d, ilk),
                new DssCall.FileIlkUint(d, chain.dog(), ilk, "chop", spec.dog().chop()),
                new DssCall.FileIlkUint(d, chain.dog(), ilk, "hole", spec.dog().hole()),
                new DssCall.FileUint(d, chain.dog(), "Hole", spec.dog().Hole())));
        switch (spec.clip().calc()) {
            case DssSpec.Calc.Linear l ->
                wiring.add(new DssCall.FileUint(d, chain.calc(), "tau", BigInteger.valueOf(l.tau())));
            case DssSpec.Calc.Stairstep x -> {
                wiring.add(new DssCall.FileUint(d, chain.calc(), "cut", x.cut()));
                wiring.add(new DssCall.FileUint(d, chain.calc(), "step", BigInteger.valueOf(x.step())));
            }
            case DssSpec.Calc.Exponential x -> wiring.add(new DssCall.FileUint(d, chain.calc(), "cut", x.cut()));
        }
        wiring.addAll(List.of(
                new DssCall.FileAddress(d, chain.clip(), "vow", chain.vow()),
                new DssCall.FileAddress(d, chain.clip(), "calc", chain.calc()),
                new DssCall.FileUint(d, chain.clip(), "buf", spec.clip().buf()),
                new DssCall.FileUint(
                        d, chain.clip(), "tail", BigInteger.valueOf(spec.clip().tail())),
                new DssCall.FileUint(d, chain.clip(), "cusp", spec.clip().cusp()),
                new DssCall.FileUint(d, chain.clip(), "chip", spec.clip().chip()),
                new DssCall.FileUint(d, chain.clip(), "tip", spec.clip().tip()),
                new DssCall.Upchost(d, chain.clip()),
                new DssCall.Rely(d, chain.clip(), chain.dog()),
                new DssCall.FileIlkAddress(d, chain.dog(), ilk, "clip", chain.clip()),
                new DssCall.Rely(d, chain.dog(), chain.clip()),
                new DssCall.Rely(d, chain.vat(), chain.clip()),
                new DssCall.FileUint(d, chain.flip(), "beg", spec.flip().beg()),
                new DssCall.FileUint(
                        d, chain.flip(), "ttl", BigInteger.valueOf(spec.flip().ttl())),
                new DssCall.FileUint(
                        d, chain.flip(), "tau", BigInteger.valueOf(spec.flip().tau())),
                new DssCall.Rely(d, chain.flip(), chain.cat()),
                new DssCall.Rely(d, chain.cat(), chain.flip()),
                new DssCall.FileIlkAddress(d, chain.cat(), ilk, "flip", chain.flip()),
                new DssCall.FileIlkUint(d, chain.cat(), ilk, "chop", spec.cat().chop()),
                new DssCall.FileIlkUint(d, chain.cat(), ilk, "dunk", spec.cat().dunk()),
                new DssCall.FileUint(d, chain.cat(), "box", spec.cat().box())));
        for (DssCall call : wiring) {
            s = Dss.execute(s, call, block)
                    .map(Dss.DssReceipt::state)
                    .getOrElseThrow(r -> new AssertionError("the mirror refused the deployment's " + call + ": " + r));
        }
        List<Address> actors = new ArrayList<>();
        for (int i = 0; i < DssSteps.ACTORS; i++) {
            actors.add(Address.ofNumber(0xB0B0_0000L + i));
        }
        Market m = new Market(
                chain,
                ilk,
                List.copyOf(actors),
                s,
                spec.price(),
                at,
                new DssMirrorViews(ilk, chain.clip(), chain.calc(), chain.flip(), chain.pip()));
        StringBuilder trace = new StringBuilder();
        long time = at;
        // funding, checked on both sides: collateral and DAI for everyone, bidders allow the auction houses
        for (Address a : actors) {
            s = both(m, s, new DssCall.Slip(d, ilk, a, WAD.multiply(BigInteger.valueOf(1_000_000))), block, trace, -1);
            s = both(
                    m,
                    s,
                    new DssCall.Suck(d, Address.ZERO, a, RAD.multiply(BigInteger.valueOf(10_000_000))),
                    block,
                    trace,
                    -1);
            s = both(m, s, new DssCall.Hope(a, chain.clip()), block, trace, -1);
            s = both(m, s, new DssCall.Hope(a, chain.flip()), block, trace, -1);
        }
        compareViews(m, s, block, trace, -1);
        return new Market(chain, ilk, m.actors(), s, spec.price(), time, m.views());
    }

    /** {@return the chain's target and calldata for a call} */
    static Object[] encode(Market m, DssCall call) {
        DssChain c = m.chain();
        String ilk = c.ilk();
        return switch (call) {
            case DssCall.Slip x -> new Object[] {c.vat(), DssChain.slip(ilk, x.usr(), x.wad())};
            case DssCall.Suck x -> new Object[] {c.vat(), DssChain.suck(x.u(), x.v(), x.rad())};
            case DssCall.Hope x -> new Object[] {c.vat(), DssChain.hope(x.usr())};
            case DssCall.Frob x -> new Object[] {c.vat(), DssChain.frob(ilk, x.u(), x.v(), x.w(), x.dink(), x.dart())};
            case DssCall.Poke x -> new Object[] {c.spot(), DssChain.spotPoke(ilk)};
            case DssCall.Drip x -> new Object[] {c.jug(), DssChain.drip(ilk)};
            case DssCall.Bark x -> new Object[] {c.dog(), DssChain.bark(ilk, x.urn(), x.kpr())};
            case DssCall.Take x -> new Object[] {c.clip(), DssChain.take(x.id(), x.amt(), x.max(), x.who())};
            case DssCall.Redo x -> new Object[] {c.clip(), DssChain.redo(x.id(), x.kpr())};
            case DssCall.Upchost x -> new Object[] {c.clip(), DssChain.upchost()};
            case DssCall.Yank x -> new Object[] {c.clip(), DssChain.yank(x.id())};
            case DssCall.FileUint x -> new Object[] {x.target(), DssChain.fileUint(x.what(), x.data())};
            case DssCall.FileIlkUint x -> new Object[] {x.target(), DssChain.fileIlkUint(ilk, x.what(), x.data())};
            case DssCall.Bite x -> new Object[] {c.cat(), DssChain.bite(ilk, x.urn())};
            case DssCall.Tend x -> new Object[] {c.flip(), DssChain.tend(x.id(), x.lot(), x.bid())};
            case DssCall.Dent x -> new Object[] {c.flip(), DssChain.dent(x.id(), x.lot(), x.bid())};
            case DssCall.Deal x -> new Object[] {c.flip(), DssChain.deal(x.id())};
            case DssCall.Tick x -> new Object[] {c.flip(), DssChain.tick(x.id())};
            case DssCall.Flog x -> new Object[] {c.vow(), DssChain.flog(x.era())};
            case DssCall.VowHeal x -> new Object[] {c.vow(), AbiCodec.encodeCall("heal(uint256)", x.rad())};
            default -> throw new IllegalArgumentException("the campaign does not send " + call);
        };
    }

    static DssState both(Market m, DssState s, DssCall call, DssBlock block, StringBuilder trace, int step) {
        long t0 = System.nanoTime();
        Either<EvmRevert, Dss.DssReceipt> mine = Dss.execute(s, call, block);
        long t1 = System.nanoTime();
        Object[] target = encode(m, call);
        Either<EvmRevert, List<Log>> real =
                m.chain().send(call.sender(), (Address) target[0], (String) target[1], block.timestamp());
        long t2 = System.nanoTime();
        MIRROR_NANOS.addAndGet(t1 - t0);
        CHAIN_NANOS.addAndGet(t2 - t1);
        TIMED_CALLS.incrementAndGet();
        Either<EvmRevert, List<Log>> mineLogs = mine.map(Dss.DssReceipt::logs);
        trace.append(String.format("  #%d t=%d %s%n      mirror: %s%n", step, block.timestamp(), call, show(mineLogs)));
        if (!mineLogs.equals(real)) {
            trace.append("      chain:  ").append(show(real)).append('\n');
            throw new AssertionError(
                    "the Maker mirror and dss's bytecode differ on the result of step " + step + ":\n" + trace);
        }
        return mine.map(Dss.DssReceipt::state).getOrElse(s);
    }

    private static String show(Either<EvmRevert, List<Log>> r) {
        return r.fold(e -> "revert " + e, logs -> "ok " + logs);
    }

    static List<DssView> views(Market m, DssState s) {
        String ilk = m.chain().ilk();
        List<DssView> v = new ArrayList<>(List.of(
                DssView.vatIlks(ilk),
                DssView.vatDebt(),
                DssView.vatVice(),
                DssView.dogIlks(ilk),
                DssView.dogDirt(),
                DssView.dogHole(),
                DssView.clipKicks(),
                DssView.clipCount(),
                DssView.clipList(),
                DssView.clipChost(),
                DssView.clipStopped(),
                DssView.jugIlks(ilk),
                DssView.vowSin(),
                DssView.vowAsh(),
                DssView.catLitter(),
                DssView.catBox(),
                DssView.flipKicks(),
                DssView.pipPeek(),
                DssView.vatSin(m.chain().vow()),
                DssView.vatDai(m.chain().vow())));
        for (Address a : m.actors()) {
            v.add(DssView.vatUrns(ilk, a));
            v.add(DssView.vatGem(ilk, a));
            v.add(DssView.vatDai(a));
        }
        v.add(DssView.vatGem(ilk, m.chain().clip()));
        v.add(DssView.vatGem(ilk, m.chain().flip()));
        v.add(DssView.vatGem(ilk, m.chain().cat()));
        DssState.Clipper clip = s.clippers().get(m.chain().clip()).get();
        for (long id = 1; id <= Math.min(clip.kicks().longValue(), VIEWED_AUCTIONS); id++) {
            v.add(DssView.clipSales(BigInteger.valueOf(id)));
            v.add(DssView.clipGetStatus(BigInteger.valueOf(id)));
        }
        DssState.Flipper flip = s.flippers().get(m.chain().flip()).get();
        for (long id = 1; id <= Math.min(flip.kicks().longValue(), VIEWED_AUCTIONS); id++) {
            v.add(DssView.flipBids(BigInteger.valueOf(id)));
        }
        return v;
    }

    private static void compareViews(Market m, DssState s, DssBlock block, StringBuilder trace, int step) {
        compareViews(m, s, block, views(m, s), trace, step);
    }

    /** Reads {@code views} on both sides at {@code block}; the first difference fails with the trace. */
    static void compareViews(Market m, DssState s, DssBlock block, List<DssView> views, StringBuilder trace, int step) {
        List<String> mine = m.views().read(s, block, views);
        List<String> real = m.chain().read(views, block.timestamp());
        for (int k = 0; k < mine.size(); k++) {
            if (!mine.get(k).equals(real.get(k))) {
                throw new AssertionError("the Maker mirror and dss's bytecode differ after step " + step + " on "
                        + views.get(k).key() + ": mirror " + mine.get(k) + ", chain " + real.get(k) + "\n" + trace);
            }
        }
    }

    static Outcome run(Market m, List<DssSteps> steps) {
        DssState s = m.mirror();
        BigInteger price = m.price();
        long time = m.start();
        StringBuilder trace = new StringBuilder();
        int actions = 0;
        int reverts = 0;
        int barks = 0;
        int takes = 0;
        boolean partial = false;
        boolean dustyFull = false;
        boolean empties = false;
        boolean redoPaid = false;
        boolean redoUnpaid = false;
        boolean zeroBid = false;
        for (int i = 0; i < steps.size(); i++) {
            DssSteps step = steps.get(i);
            if (step instanceof DssSteps.Wait w) {
                time += w.seconds();
                trace.append(String.format("  #%d wait %d s%n", i, w.seconds()));
                continue;
            }
            time += BLOCK_SECONDS;
            if (step instanceof DssSteps.Price p) {
                price = price.multiply(BigInteger.valueOf(10_000L + p.bps())).divide(BigInteger.valueOf(10_000));
                m.chain().ward(m.chain().pip(), DssChain.pipPoke(price), time);
                trace.append(String.format("  #%d t=%d pip := %s%n", i, time, price));
            }
            DssBlock block = new DssBlock(time, Map.of(m.chain().pip(), new DssBlock.Peek(price, true)));
            DssCall call = resolve(m, s, block, step);
            DssState before = s;
            Either<EvmRevert, Dss.DssReceipt> mine = Dss.execute(s, call, block);
            s = both(m, s, call, block, trace, i);
            actions++;
            if (mine.isLeft()) {
                reverts++;
            } else {
                List<Log> logs = mine.get().logs();
                switch (call) {
                    case DssCall.Bark b -> {
                        barks++;
                        DssState.Urn urn = before.vat().urn(m.ilk(), b.urn());
                        BigInteger art = (BigInteger) bark(logs).args().get(3);
                        BigInteger room = room(before, m.ilk());
                        if (art.compareTo(urn.art()) < 0) {
                            partial = true;
                        } else if (room.compareTo(urn.art()
                                        .multiply(before.vat().ilk(m.ilk()).rate())
                                        .multiply(before.dog().ilk(m.ilk()).chop())
                                        .divide(WAD))
                                < 0) {
                            dustyFull = true;
                        }
                    }
                    case DssCall.Take t -> {
                        takes++;
                        DssState.Sale sale =
                                before.clippers().get(m.chain().clip()).get().sale(t.id());
                        empties |= sale.lot().signum() > 0
                                && s.clippers()
                                        .get(m.chain().clip())
                                        .get()
                                        .sale(t.id())
                                        .usr()
                                        .isZero();
                    }
                    case DssCall.Redo r -> {
                        BigInteger coin =
                                (BigInteger) logs.get(logs.size() - 1).args().get(6);
                        redoPaid |= coin.signum() > 0;
                        redoUnpaid |= coin.signum() == 0;
                    }
                    case DssCall.Deal d -> {
                        DssState.Bid bid =
                                before.flippers().get(m.chain().flip()).get().bid(d.id());
                        zeroBid |= bid.bid().compareTo(RAD) < 0;
                    }
                    default -> {}
                }
            }
            compareViews(m, s, block, trace, i);
        }
        return new Outcome(actions, reverts, barks, takes, partial, dustyFull, empties, redoPaid, redoUnpaid, zeroBid);
    }

    private static Log bark(List<Log> logs) {
        return logs.stream().filter(l -> l.event().equals("Bark")).findFirst().orElseThrow();
    }

    private static BigInteger room(DssState s, String ilk) {
        DssState.Dog dog = s.dog();
        DssState.DogIlk i = dog.ilk(ilk);
        return dog.Hole().subtract(dog.Dirt()).min(i.hole().subtract(i.dirt()));
    }

    private static BigInteger nth(List<BigInteger> ids, int n) {
        return ids.isEmpty() ? BigInteger.ONE : ids.get(n % ids.size());
    }

    /** Sizes a step from the mirror's state. */
    static DssCall resolve(Market m, DssState s, DssBlock block, DssSteps step) {
        String ilk = m.ilk();
        Address keeper = m.actors().get(DssSteps.KEEPER);
        Address d = DssChain.DEPLOYER;
        DssState.VatIlk i = s.vat().ilk(ilk);
        BigInteger rate = i.rate().max(BigInteger.ONE);
        return switch (step) {
            case DssSteps.Open x -> {
                Address a = m.actors().get(x.actor());
                BigInteger ink = WAD.multiply(BigInteger.valueOf(DssSteps.INK[x.size()]));
                DssState.Urn u = s.vat().urn(ilk, a);
                BigInteger limit = u.ink()
                        .add(ink)
                        .multiply(i.spot())
                        .divide(rate)
                        .subtract(u.art())
                        .max(BigInteger.ZERO);
                yield new DssCall.Frob(a, ilk, a, a, a, ink, share(limit, x.permille()));
            }
            case DssSteps.Draw x -> {
                Address a = m.actors().get(x.actor());
                DssState.Urn u = s.vat().urn(ilk, a);
                BigInteger room = u.ink()
                        .multiply(i.spot())
                        .divide(rate)
                        .subtract(u.art())
                        .max(BigInteger.ZERO);
                yield new DssCall.Frob(a, ilk, a, a, a, BigInteger.ZERO, share(room, x.permille()));
            }
            case DssSteps.Repay x -> {
                Address a = m.actors().get(x.actor());
                yield new DssCall.Frob(
                        a,
                        ilk,
                        a,
                        a,
                        a,
                        BigInteger.ZERO,
                        share(s.vat().urn(ilk, a).art(), x.permille()).negate());
            }
            case DssSteps.Free x -> {
                Address a = m.actors().get(x.actor());
                yield new DssCall.Frob(
                        a,
                        ilk,
                        a,
                        a,
                        a,
                        share(s.vat().urn(ilk, a).ink(), x.permille()).negate(),
                        BigInteger.ZERO);
            }
            case DssSteps.Price x -> new DssCall.Poke(keeper, ilk);
            case DssSteps.Drip x -> new DssCall.Drip(keeper, ilk);
            case DssSteps.Bark x -> new DssCall.Bark(keeper, ilk, unsafeOr(m, s, x.actor()), keeper);
            case DssSteps.Take x -> {
                DssState.Clipper clip = s.clippers().get(m.chain().clip()).get();
                BigInteger id = nth(clip.active().toJavaList(), x.auction());
                BigInteger lot = clip.sale(id).lot();
                BigInteger amt = switch (x.amt()) {
                    case 0 -> Word.UINT256_MAX;
                    case 1 -> lot.shiftRight(1);
                    case 2 -> BigInteger.ONE;
                    default -> BigInteger.ZERO;
                };
                BigInteger price = BigInteger.ZERO;
                try {
                    price = Dss.getStatus(s, block, m.chain().clip(), id).price();
                } catch (RevertException e) {
                    // no running auction: any max
                }
                BigInteger max = switch (x.max()) {
                    case 0 -> price;
                    case 1 -> price.subtract(BigInteger.ONE).max(BigInteger.ZERO);
                    default -> Word.UINT256_MAX;
                };
                yield new DssCall.Take(keeper, m.chain().clip(), id, amt, max, keeper);
            }
            case DssSteps.Redo x ->
                new DssCall.Redo(
                        keeper,
                        m.chain().clip(),
                        nth(s.clippers().get(m.chain().clip()).get().active().toJavaList(), x.auction()),
                        keeper);
            case DssSteps.Upchost x -> new DssCall.Upchost(keeper, m.chain().clip());
            case DssSteps.Yank x ->
                new DssCall.Yank(
                        d,
                        m.chain().clip(),
                        nth(s.clippers().get(m.chain().clip()).get().active().toJavaList(), x.auction()));
            case DssSteps.Stopped x ->
                new DssCall.FileUint(d, m.chain().clip(), "stopped", BigInteger.valueOf(x.level()));
            case DssSteps.Limit x -> {
                DssState.Urn u = s.vat().urn(ilk, m.actors().get(x.actor()));
                BigInteger need =
                        u.art().multiply(rate).multiply(s.dog().ilk(ilk).chop()).divide(WAD);
                BigInteger dirt = x.global() ? s.dog().Dirt() : s.dog().ilk(ilk).dirt();
                BigInteger dusty = u.art()
                        .multiply(rate)
                        .subtract(i.dust().shiftRight(1))
                        .max(BigInteger.ZERO)
                        .multiply(s.dog().ilk(ilk).chop())
                        .divide(WAD);
                BigInteger limit = x.permille() > 1000 || need.signum() == 0
                        ? RAD.multiply(BigInteger.valueOf(x.global() ? 100_000_000 : 50_000_000))
                        : x.permille() == 0 ? dirt.add(dusty) : dirt.add(share(need, x.permille()));
                yield x.global()
                        ? new DssCall.FileUint(d, m.chain().dog(), "Hole", limit)
                        : new DssCall.FileIlkUint(d, m.chain().dog(), ilk, "hole", limit);
            }
            case DssSteps.Bite x -> new DssCall.Bite(keeper, ilk, unsafeOr(m, s, x.actor()));
            case DssSteps.Tend x -> {
                DssState.Flipper flip = s.flippers().get(m.chain().flip()).get();
                BigInteger id = flipId(flip, x.auction());
                DssState.Bid b = flip.bid(id);
                BigInteger bid = x.permille() == 0 ? b.bid().add(BigInteger.ONE) : share(b.tab(), x.permille());
                yield new DssCall.Tend(m.actors().get(x.bidder()), m.chain().flip(), id, b.lot(), bid);
            }
            case DssSteps.Dent x -> {
                DssState.Flipper flip = s.flippers().get(m.chain().flip()).get();
                BigInteger id = flipId(flip, x.auction());
                DssState.Bid b = flip.bid(id);
                yield new DssCall.Dent(
                        m.actors().get(x.bidder()), m.chain().flip(), id, share(b.lot(), x.permille()), b.bid());
            }
            case DssSteps.Deal x ->
                new DssCall.Deal(
                        keeper,
                        m.chain().flip(),
                        flipId(s.flippers().get(m.chain().flip()).get(), x.auction()));
            case DssSteps.Tick x ->
                new DssCall.Tick(
                        keeper,
                        m.chain().flip(),
                        flipId(s.flippers().get(m.chain().flip()).get(), x.auction()));
            case DssSteps.Vow x -> {
                DssState.Vow vow = s.vow();
                if (x.heal()) {
                    BigInteger surplus = s.vat().dai(vow.address());
                    BigInteger debt =
                            s.vat().sin(vow.address()).subtract(vow.Sin()).subtract(vow.Ash());
                    yield new DssCall.VowHeal(keeper, surplus.min(debt).max(BigInteger.ZERO));
                }
                BigInteger era = vow.sin()
                        .keySet()
                        .filter(e -> vow.sin(e).signum() > 0)
                        .toSortedSet()
                        .headOption()
                        .getOrElse(block.now());
                yield new DssCall.Flog(keeper, era);
            }
            case DssSteps.Wait x -> throw new IllegalStateException("waits are handled by the loop");
        };
    }

    /** The actor named, or (except for actor 3, kept for the reverts) the first vault that can be liquidated. */
    private static Address unsafeOr(Market m, DssState s, int actor) {
        Address named = m.actors().get(actor);
        if (actor == 3 || Dss.unsafe(s, m.ilk(), named)) {
            return named;
        }
        for (int i = 0; i < 3; i++) {
            if (Dss.unsafe(s, m.ilk(), m.actors().get(i))) {
                return m.actors().get(i);
            }
        }
        return named;
    }

    private static BigInteger flipId(DssState.Flipper flip, int n) {
        List<BigInteger> live = flip.bids().keySet().toSortedSet().toJavaList();
        return live.isEmpty() ? BigInteger.ONE : live.get(n % live.size());
    }

    private static BigInteger share(BigInteger amount, int permille) {
        return amount.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
    }
}
