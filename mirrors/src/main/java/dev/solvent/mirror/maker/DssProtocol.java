package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.model.protocol.Assessment;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Margins;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.model.protocol.Rejected;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The Maker mirror (Liquidations 2.0) behind the protocol contract. Accounts are vaults, named {@code ILK:0xurn};
 * prices in a {@link Block} are named as the constructor maps them to pips (their {@code peek()} values, WAD).
 *
 * <p>Health is the Vat's safety test at the spot a {@code Spotter.poke} would set from the block's pip (anyone may
 * poke, so a keeper sees what the Vat would see after one): collateral at that spot (which includes the liquidation
 * ratio) against the debt at {@code rate}, in the value unit the constructor is given (RAD by default). A vault is
 * liquidatable when it is unsafe at the Vat's spot or at the poked one, and while a sale of its collateral is running.
 *
 * <p>A barked vault keeps no collateral or debt, but its collateral is still on sale: {@link #accounts} lists, beside
 * every vault with collateral or debt, every vault a running sale is selling for (the sale's {@code usr}), so a keeper
 * loop that walks the accounts also reaches the running auctions, with no knowledge of Maker. The moves of a vault:
 * {@code poke} (gain 0) when only the Vat's stale spot keeps an unsafe vault safe, {@code bark} of an unsafe vault
 * (gain: the Dog's keeper incentive, {@code tip + chip * tab}, found by running it), {@code redo} of a sale that needs
 * one (gain: the incentive, found by running it), and {@code take} of each running sale at its current price, sized to
 * the keeper's DAI, if it has {@code hope}d the Clipper (gain: the collateral it receives at the pip's price less the DAI it pays, following the Clipper's
 * own slice and {@code chost} rules).
 */
public final class DssProtocol implements Protocol<DssState, DssCall> {

    private static final BigInteger E9 = BigInteger.TEN.pow(9);
    private static final int RAD_DECIMALS = 45;

    private final LinkedHashMap<String, Address> pips;
    private final int valueDecimals;
    private final BigInteger scale;

    /** @param pips each price name of the blocks and the pip (price feed) it answers for; values in RAD */
    public DssProtocol(java.util.Map<String, Address> pips) {
        this(pips, RAD_DECIMALS);
    }

    /**
     * @param pips each price name of the blocks and the pip (price feed) it answers for
     * @param valueDecimals the decimals of DAI in health and gains (45 is RAD, exact; fewer round collateral and gains
     *     down and debt up)
     */
    public DssProtocol(java.util.Map<String, Address> pips, int valueDecimals) {
        if (valueDecimals < 0 || valueDecimals > RAD_DECIMALS) {
            throw new IllegalArgumentException("valueDecimals is 0 to 45, not " + valueDecimals);
        }
        this.pips = LinkedHashMap.ofAll(pips);
        this.valueDecimals = valueDecimals;
        this.scale = BigInteger.TEN.pow(RAD_DECIMALS - valueDecimals);
    }

    @Override
    public String name() {
        return "maker-liq2";
    }

    @Override
    public String valueUnit() {
        return valueDecimals == RAD_DECIMALS ? "DAI, RAD (45 decimals)" : "DAI, " + valueDecimals + " decimals";
    }

    /** {@return dss's block: each pip's value as a WAD} */
    public DssBlock block(Block block) {
        java.util.Map<Address, DssBlock.Peek> peeks = new java.util.HashMap<>();
        for (Tuple2<String, Address> p : pips) {
            block.price(p._1()).forEach(price -> {
                BigInteger val = price.scaledTo(18);
                peeks.put(p._2(), new DssBlock.Peek(val.max(BigInteger.ZERO), val.signum() > 0));
            });
        }
        return new DssBlock(block.timestamp(), peeks);
    }

    @Override
    public Either<Rejected, Executed<DssState>> execute(DssState state, DssCall call, Block block) {
        return Dss.execute(state, call, block(block))
                .<Rejected>mapLeft(Rejected::of)
                .map(r -> new Executed<>(r.state(), Vector.<Object>ofAll(r.logs())));
    }

    /** {@return the name of a vault: its ilk and its urn} */
    public static String account(String ilk, Address urn) {
        return ilk + ":" + urn.hex();
    }

    private static Tuple2<String, Address> vault(String account) {
        int colon = account.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "a Maker account is ILK:0xurn (e.g. ETH-A:0x00...01), not \"" + account + "\"");
        }
        return new Tuple2<>(account.substring(0, colon), Address.of(account.substring(colon + 1)));
    }

    /** {@return every vault with collateral or debt, and every vault a running sale sells for, sorted} */
    @Override
    public Seq<String> accounts(DssState state) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (var u : state.vat().urns()) {
            if (u._2().ink().signum() != 0 || u._2().art().signum() != 0) {
                out.add(account(u._1()._1(), u._1()._2()));
            }
        }
        for (DssState.Clipper clip : state.clippers().values()) {
            for (Tuple2<BigInteger, DssState.Sale> sale : clip.sales()) {
                if (!sale._2().usr().isZero()) {
                    out.add(account(clip.ilk(), sale._2().usr()));
                }
            }
        }
        return Vector.ofAll(out);
    }

    @Override
    public Either<Rejected, Health> health(DssState state, String account, Block block) {
        Tuple2<String, Address> v = vault(account);
        DssState.VatIlk ilk = state.vat().ilk(v._1());
        DssState.Urn urn = state.vat().urn(v._1(), v._2());
        BigInteger spot = pokedSpot(state, v._1(), block(block)).getOrElse(ilk.spot());
        BigInteger debt = urn.art().multiply(ilk.rate());
        boolean pokedUnsafe = spot.signum() > 0 && urn.ink().multiply(spot).compareTo(debt) < 0;
        boolean liquidatable = pokedUnsafe || Dss.unsafe(state, v._1(), v._2()) || onSale(state, v._1(), v._2());
        return Either.right(Health.of(down(urn.ink().multiply(spot)), up(debt), liquidatable));
    }

    /**
     * {@inheritDoc} The margin follows {@link Margins} with {@code X = ink * min(spot, poked spot)} and {@code Y = art
     * * rate}, both exact integers in RAD: the Vat's test {@code ink * spot < art * rate} has no rounding, and the poked
     * spot is a non-decreasing function of the pip's value, so the margin's only slack is {@code E = 2 * scale}, which
     * keeps the health's collateral (RAD divided by {@code scale}, rounded down) above 0 whenever {@code X' - Y' >
     * 2E}. A vault with a running sale gets none.
     */
    @Override
    public Either<Rejected, Assessment> assess(DssState state, String account, Block block) {
        Tuple2<String, Address> v = vault(account);
        DssState.VatIlk ilk = state.vat().ilk(v._1());
        DssState.Urn urn = state.vat().urn(v._1(), v._2());
        Option<BigInteger> poked = pokedSpot(state, v._1(), block(block));
        BigInteger spot = poked.getOrElse(ilk.spot());
        BigInteger debt = urn.art().multiply(ilk.rate());
        boolean pokedUnsafe = spot.signum() > 0 && urn.ink().multiply(spot).compareTo(debt) < 0;
        boolean sale = onSale(state, v._1(), v._2());
        boolean liquidatable = pokedUnsafe || Dss.unsafe(state, v._1(), v._2()) || sale;
        Health health = Health.of(down(urn.ink().multiply(spot)), up(debt), liquidatable);
        if (liquidatable || poked.isEmpty()) {
            return Either.right(Assessment.unbounded(health));
        }
        BigInteger weighed = urn.ink().multiply(poked.get().min(ilk.spot()));
        return Either.right(new Assessment(health, Margins.margin(weighed, debt, scale.shiftLeft(1))));
    }

    /**
     * {@inheritDoc} Over every ilk: the collateral factor is the least of the ratios of the poked spots and of the
     * Vat's spots, the debt factor the greatest ratio of {@code rate}s; none when the ilks, their {@code mat} or
     * {@code par} changed, or a pip is not priced.
     */
    @Override
    public Option<BigInteger> drift(DssState then, Block thenBlock, DssState now, Block nowBlock) {
        if (!then.spotter().ilks().equals(now.spotter().ilks())
                || !then.spotter().par().equals(now.spotter().par())
                || !then.vat().ilks().keySet().equals(now.vat().ilks().keySet())) {
            return Option.none();
        }
        DssBlock b0 = block(thenBlock);
        DssBlock b1 = block(nowBlock);
        BigInteger phi = Margins.WAD.shiftLeft(1);
        BigInteger psi = Margins.WAD.shiftRight(1);
        for (String ilk : then.vat().ilks().keySet()) {
            DssState.VatIlk i0 = then.vat().ilk(ilk);
            DssState.VatIlk i1 = now.vat().ilk(ilk);
            Option<BigInteger> p0 = pokedSpot(then, ilk, b0);
            Option<BigInteger> p1 = pokedSpot(now, ilk, b1);
            if (p0.isEmpty()) {
                continue; // no vault of the ilk has a margin (it is assessed without a poked spot)
            }
            if (p1.isEmpty()) {
                return Option.none();
            }
            if (p0.get().signum() == 0 || i0.spot().signum() == 0) {
                continue; // no vault of the ilk with debt has a margin (its collateral counts 0)
            }
            Option<BigInteger> poked = Margins.factorDown(p1.get(), p0.get());
            Option<BigInteger> stored = Margins.factorDown(i1.spot(), i0.spot());
            Option<BigInteger> rate = Margins.factorUp(i1.rate(), i0.rate());
            if (poked.isEmpty()
                    || stored.isEmpty()
                    || rate.isEmpty()
                    || !Margins.inDomain(poked.get())
                    || !Margins.inDomain(stored.get())
                    || !Margins.inDomain(rate.get())) {
                return Option.none();
            }
            phi = phi.min(poked.get()).min(stored.get());
            psi = psi.max(rate.get());
        }
        return Margins.drift(phi, psi);
    }

    /** {@return the spot {@code Spotter.poke} would file for the ilk in the block; none if its pip is not priced} */
    private static Option<BigInteger> pokedSpot(DssState state, String ilk, DssBlock b) {
        DssState.SpotIlk s = state.spotter().ilk(ilk);
        DssBlock.Peek peek = b.pips().get(s.pip());
        if (peek == null || s.mat().signum() == 0 || state.spotter().par().signum() == 0) {
            return Option.none();
        }
        // Spotter.poke: spot = rdiv(rdiv(mul(val, 10 ** 9), par), mat), 0 for an invalid answer
        return Option.some(
                peek.has()
                        ? DssMath.rdiv(
                                DssMath.rdiv(
                                        peek.val().multiply(E9), state.spotter().par()),
                                s.mat())
                        : BigInteger.ZERO);
    }

    private static boolean onSale(DssState state, String ilk, Address urn) {
        return state.clippers()
                .values()
                .exists(c -> c.ilk().equals(ilk)
                        && c.sales().exists(s -> s._2().usr().equals(urn)));
    }

    private BigInteger down(BigInteger rad) {
        return rad.divide(scale);
    }

    private BigInteger up(BigInteger rad) {
        BigInteger[] qr = rad.divideAndRemainder(scale);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    @Override
    public Seq<Move<DssCall>> moves(DssState state, String account, String keeper, Block block) {
        Tuple2<String, Address> v = vault(account);
        // a keeper is an address, or a vault name whose urn is the keeper's address
        Address by = Address.of(keeper.substring(keeper.lastIndexOf(':') + 1));
        DssBlock b = block(block);
        Vector<Move<DssCall>> moves = Vector.empty();
        if (Dss.unsafe(state, v._1(), v._2())) {
            moves = moves.appendAll(
                    paid(state, b, by, "bark", new DssCall.Bark(by, v._1(), v._2(), by), "bark " + account));
        } else {
            DssState.Urn urn = state.vat().urn(v._1(), v._2());
            BigInteger debt = urn.art().multiply(state.vat().ilk(v._1()).rate());
            Option<BigInteger> spot = pokedSpot(state, v._1(), b);
            if (spot.exists(s -> s.signum() > 0 && urn.ink().multiply(s).compareTo(debt) < 0)) {
                // the Vat's spot is stale: a poke (anyone's) makes the vault barkable; it pays nothing by itself
                DssCall poke = new DssCall.Poke(by, v._1());
                if (Dss.execute(state, poke, b).isRight()) {
                    moves = moves.append(new Move<>(
                            "poke", poke, Option.some(BigInteger.ZERO), "poke " + v._1() + " for " + account));
                }
            }
        }
        for (DssState.Clipper clip : state.clippers().values()) {
            if (!clip.ilk().equals(v._1())) {
                continue;
            }
            for (Tuple2<BigInteger, DssState.Sale> sale : clip.sales()) {
                if (!sale._2().usr().equals(v._2())) {
                    continue;
                }
                Dss.Status status;
                try {
                    status = Dss.getStatus(state, b, clip.address(), sale._1());
                } catch (dev.solvent.mirror.evm.RevertException e) {
                    continue; // the Clipper's calc (or its pip) reverts: no one can take or redo now
                }
                if (status.needsRedo()) {
                    moves = moves.appendAll(paid(
                            state,
                            b,
                            by,
                            "redo",
                            new DssCall.Redo(by, clip.address(), sale._1(), by),
                            "redo sale " + sale._1() + " of " + account));
                } else {
                    moves = moves.appendAll(take(state, b, clip, sale._1(), sale._2(), status, by, account));
                }
            }
        }
        return moves.sortBy(m -> m.gain().get().negate());
    }

    /** {@return a move whose gain is the DAI it pays its keeper (a bark's or a redo's incentive), if it succeeds} */
    private Option<Move<DssCall>> paid(
            DssState state, DssBlock b, Address by, String kind, DssCall call, String description) {
        var r = Dss.execute(state, call, b);
        if (r.isLeft()) {
            return Option.none();
        }
        BigInteger gain = r.get().state().vat().dai(by).subtract(state.vat().dai(by));
        return Option.some(new Move<>(kind, call, Option.some(down(gain)), description));
    }

    /**
     * {@return a take of the sale at its current price, of as much of the lot as the keeper's DAI pays for, with the
     * Clipper's own rounding of the slice and owe; none if the keeper can pay for nothing or the Clipper would refuse}
     */
    private Option<Move<DssCall>> take(
            DssState state,
            DssBlock b,
            DssState.Clipper clip,
            BigInteger id,
            DssState.Sale sale,
            Dss.Status status,
            Address by,
            String account) {
        BigInteger price = status.price();
        if (price.signum() == 0) {
            return Option.none();
        }
        if (!state.vat().wish(by, clip.address())) {
            return Option.none(); // the Clipper moves the keeper's DAI: without its hope, the take reverts
        }
        BigInteger lot = sale.lot();
        BigInteger tab = sale.tab();
        BigInteger cash = state.vat().dai(by);
        BigInteger amt = lot.min(cash.divide(price));
        if (amt.signum() == 0) {
            return Option.none();
        }
        // Clipper.take: slice = min(lot, amt); owe = slice * price, at most the tab; no remainder under chost
        BigInteger slice = amt;
        BigInteger owe = slice.multiply(price);
        if (owe.compareTo(tab) > 0) {
            owe = tab;
            slice = owe.divide(price);
        } else if (owe.compareTo(tab) < 0 && slice.compareTo(lot) < 0) {
            BigInteger chost = clip.chost();
            if (tab.subtract(owe).compareTo(chost) < 0) {
                if (tab.compareTo(chost) <= 0) {
                    return Option.none();
                }
                owe = tab.subtract(chost);
                slice = owe.divide(price);
            }
        }
        BigInteger val = Option.of(b.pips().get(state.spotter().ilk(clip.ilk()).pip()))
                .filter(DssBlock.Peek::has)
                .map(DssBlock.Peek::val)
                .getOrElse(BigInteger.ZERO);
        BigInteger worth = slice.multiply(val).multiply(E9);
        BigInteger gain = worth.subtract(owe);
        DssCall take = new DssCall.Take(by, clip.address(), id, amt, price, by);
        return Option.some(new Move<>(
                "take",
                take,
                Option.some(
                        gain.signum() >= 0 ? down(gain) : down(gain.negate()).negate()),
                "take sale " + id + " of " + account + " at " + price));
    }

    /** {@return per ilk the collateral locked in vaults (WAD), and the Vat's total debt (RAD)} */
    @Override
    public SortedMap<String, BigInteger> totals(DssState state, Block block) {
        TreeMap<String, BigInteger> totals = TreeMap.of("dai debt", state.vat().debt());
        for (var u : state.vat().urns()) {
            String key = u._1()._1() + " ink";
            totals = totals.put(key, totals.get(key).getOrElse(BigInteger.ZERO).add(u._2().ink()));
        }
        return totals;
    }

    /**
     * {@return the system's debt as the Vat and Vow book it, in RAD (45 decimals) of DAI: {@code debt} (all DAI
     * issued), {@code vice} (debt with no collateral behind it: every vault debt a bark grabbed and every keeper
     * incentive paid, whether or not an auction later raised it), the Vow's {@code Sin} (queued bad debt) and {@code
     * Ash} (on auction), the Dog's {@code Dirt} (tabs of running auctions), {@code Vow sin} (the Vat's {@code sin} of
     * the Vow: the grabbed debt and incentives it owes), {@code auction proceeds} (the Vow's DAI: what takes paid in),
     * and {@code uncovered}, the loss: {@code Vow sin} less the proceeds and less the tabs running auctions may still
     * raise, never below 0 (the unpaid tabs of sales that ended, and the incentives nothing paid back)}
     */
    @Override
    public SortedMap<String, Quantity> quantities(DssState state, Block block) {
        Address vow = state.vow().address();
        BigInteger sin = state.vat().sin(vow);
        BigInteger proceeds = state.vat().dai(vow);
        BigInteger uncovered =
                sin.subtract(proceeds).subtract(state.dog().Dirt()).max(BigInteger.ZERO);
        return TreeMap.of(
                        "Ash", rad(state.vow().Ash(), Quantity.Kind.OTHER),
                        "Dirt", rad(state.dog().Dirt(), Quantity.Kind.OTHER),
                        "Sin", rad(state.vow().Sin(), Quantity.Kind.OTHER),
                        "debt", rad(state.vat().debt(), Quantity.Kind.OTHER),
                        "vice", rad(state.vat().vice(), Quantity.Kind.OTHER))
                .put("Vow sin", rad(sin, Quantity.Kind.OTHER))
                .put("auction proceeds", rad(proceeds, Quantity.Kind.OTHER))
                .put("uncovered", rad(uncovered, Quantity.Kind.LOSS));
    }

    private static Quantity rad(BigInteger amount, Quantity.Kind kind) {
        return new Quantity(amount, 45, "DAI", kind);
    }
}
