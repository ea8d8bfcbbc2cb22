package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.maker.DssState.Bid;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Sale;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mirror's answer to each {@link DssView}, rendered as the chain side renders dss's: values joined by {@code ","},
 * addresses in lower-case hex, {@code bytes32} as {@code 0x} and 64 hex digits, arrays in brackets, a revert as
 * {@code "revert " + EvmRevert}.
 */
final class DssMirrorViews {

    private final String ilk;
    private final String ilkHex;
    private final Address clip;
    private final Address calc;
    private final Address flip;
    private final Address pip;

    DssMirrorViews(String ilk, Address clip, Address calc, Address flip, Address pip) {
        this.ilk = ilk;
        this.ilkHex = Bytes32.of(ilk);
        this.clip = clip;
        this.calc = calc;
        this.flip = flip;
        this.pip = pip;
    }

    List<String> read(DssState s, DssBlock block, List<DssView> views) {
        List<String> out = new ArrayList<>(views.size());
        for (DssView v : views) {
            try {
                out.add(evaluate(s, block, v).stream().map(DssMirrorViews::text).collect(Collectors.joining(",")));
            } catch (RevertException e) {
                out.add("revert " + e.revert());
            }
        }
        return out;
    }

    private static String text(Object o) {
        return switch (o) {
            case Address a -> a.hex();
            case List<?> l -> l.stream().map(DssMirrorViews::text).collect(Collectors.joining(",", "[", "]"));
            case Boolean b -> b.toString();
            default -> o.toString();
        };
    }

    private String ilkOf(DssView v, int i) {
        String hex = (String) v.args().get(i);
        if (!hex.equals(ilkHex)) {
            throw new IllegalArgumentException("the campaign has one ilk, " + ilk + ", not " + hex);
        }
        return ilk;
    }

    private static Address addr(DssView v, int i) {
        return (Address) v.args().get(i);
    }

    private static BigInteger num(DssView v, int i) {
        return (BigInteger) v.args().get(i);
    }

    private static BigInteger flag(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }

    private List<Object> evaluate(DssState s, DssBlock block, DssView v) {
        String sig = v.signature();
        return switch (v.target()) {
            case "vat" ->
                switch (sig) {
                    case "ilks(bytes32)" -> {
                        DssState.VatIlk i = s.vat().ilk(ilkOf(v, 0));
                        yield List.of(i.Art(), i.rate(), i.spot(), i.line(), i.dust());
                    }
                    case "urns(bytes32,address)" -> {
                        DssState.Urn u = s.vat().urn(ilkOf(v, 0), addr(v, 1));
                        yield List.of(u.ink(), u.art());
                    }
                    case "gem(bytes32,address)" -> List.of(s.vat().gem(ilkOf(v, 0), addr(v, 1)));
                    case "dai(address)" -> List.of(s.vat().dai(addr(v, 0)));
                    case "sin(address)" -> List.of(s.vat().sin(addr(v, 0)));
                    case "can(address,address)" ->
                        List.of(flag(s.vat().can().contains(new io.vavr.Tuple2<>(addr(v, 0), addr(v, 1)))));
                    case "debt()" -> List.of(s.vat().debt());
                    case "vice()" -> List.of(s.vat().vice());
                    case "Line()" -> List.of(s.vat().Line());
                    case "wards(address)" -> List.of(flag(s.vat().wards().contains(addr(v, 0))));
                    default -> unknown(v);
                };
            case "dog" ->
                switch (sig) {
                    case "ilks(bytes32)" -> {
                        DssState.DogIlk i = s.dog().ilk(ilkOf(v, 0));
                        yield List.of(i.clip(), i.chop(), i.hole(), i.dirt());
                    }
                    case "Hole()" -> List.of(s.dog().Hole());
                    case "Dirt()" -> List.of(s.dog().Dirt());
                    case "wards(address)" -> List.of(flag(s.dog().wards().contains(addr(v, 0))));
                    default -> unknown(v);
                };
            case "clip" -> {
                Clipper c = s.clippers().get(clip).get();
                yield switch (sig) {
                    case "sales(uint256)" -> {
                        Sale sale = c.sale(num(v, 0));
                        yield List.of(sale.pos(), sale.tab(), sale.lot(), sale.usr(), sale.tic(), sale.top());
                    }
                    case "kicks()" -> List.of(c.kicks());
                    case "count()" -> List.of(BigInteger.valueOf(c.active().size()));
                    case "list()" -> List.of(c.active().toJavaList());
                    case "getStatus(uint256)" -> {
                        Dss.Status st = Dss.getStatus(s, block, clip, num(v, 0));
                        yield List.of(st.needsRedo(), st.price(), st.lot(), st.tab());
                    }
                    case "chost()" -> List.of(c.chost());
                    case "stopped()" -> List.of(c.stopped());
                    case "wards(address)" -> List.of(flag(c.wards().contains(addr(v, 0))));
                    default -> unknown(v);
                };
            }
            case "calc" -> {
                if (!sig.equals("price(uint256,uint256)")) {
                    yield unknown(v);
                }
                yield List.of(Dss.price(s.calcs().get(calc).get(), num(v, 0), num(v, 1)));
            }
            case "jug" -> {
                if (!sig.equals("ilks(bytes32)")) {
                    yield unknown(v);
                }
                DssState.JugIlk i = s.jug().ilk(ilkOf(v, 0));
                yield List.of(i.duty(), i.rho());
            }
            case "vow" ->
                switch (sig) {
                    case "Sin()" -> List.of(s.vow().Sin());
                    case "sin(uint256)" -> List.of(s.vow().sin(num(v, 0)));
                    case "Ash()" -> List.of(s.vow().Ash());
                    default -> unknown(v);
                };
            case "spot" -> {
                if (!sig.equals("ilks(bytes32)")) {
                    yield unknown(v);
                }
                DssState.SpotIlk i = s.spotter().ilk(ilkOf(v, 0));
                yield List.of(i.pip(), i.mat());
            }
            case "pip" -> {
                DssBlock.Peek p = block.pips().get(pip);
                if (p == null) {
                    throw new EvmRevert.Empty().raise();
                }
                yield List.of(Bytes32.ofUint(p.val()), p.has());
            }
            case "cat" ->
                switch (sig) {
                    case "ilks(bytes32)" -> {
                        DssState.CatIlk i = s.cat().ilk(ilkOf(v, 0));
                        yield List.of(i.flip(), i.chop(), i.dunk());
                    }
                    case "box()" -> List.of(s.cat().box());
                    case "litter()" -> List.of(s.cat().litter());
                    default -> unknown(v);
                };
            case "flip" -> {
                DssState.Flipper f = s.flippers().get(flip).get();
                yield switch (sig) {
                    case "bids(uint256)" -> {
                        Bid b = f.bid(num(v, 0));
                        yield List.of(b.bid(), b.lot(), b.guy(), b.tic(), b.end(), b.usr(), b.gal(), b.tab());
                    }
                    case "kicks()" -> List.of(f.kicks());
                    default -> unknown(v);
                };
            }
            default -> unknown(v);
        };
    }

    private static List<Object> unknown(DssView v) {
        throw new IllegalArgumentException("no mirror for " + v.target() + "." + v.signature());
    }
}
