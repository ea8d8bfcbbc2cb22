package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
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
 * prices in a {@link Block} are named as the constructor maps them to pips (their {@code peek()} values, WAD). Health
 * is the Vat's safety test in RAD: collateral at {@code spot} (which includes the liquidation ratio) against the debt
 * at {@code rate}. The moves are {@code bark} of an unsafe vault (gain: the Dog's keeper incentive, found by running
 * it) and {@code take} of the whole lot of each live sale of the vault at the current price (gain: the lot at the
 * pip's price less the DAI paid).
 */
public final class DssProtocol implements Protocol<DssState, DssCall> {

    private static final BigInteger E9 = BigInteger.TEN.pow(9);

    private final LinkedHashMap<String, Address> pips;

    /** @param pips each price name of the blocks and the pip (price feed) it answers for */
    public DssProtocol(java.util.Map<String, Address> pips) {
        this.pips = LinkedHashMap.ofAll(pips);
    }

    @Override
    public String name() {
        return "maker-liq2";
    }

    @Override
    public String valueUnit() {
        return "DAI, RAD (45 decimals)";
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

    @Override
    public Seq<String> accounts(DssState state) {
        return state.vat()
                .urns()
                .filter(e -> e._2().ink().signum() != 0 || e._2().art().signum() != 0)
                .keySet()
                .toVector()
                .map(k -> account(k._1(), k._2()))
                .sorted();
    }

    @Override
    public Either<Rejected, Health> health(DssState state, String account, Block block) {
        Tuple2<String, Address> v = vault(account);
        DssState.VatIlk ilk = state.vat().ilk(v._1());
        DssState.Urn urn = state.vat().urn(v._1(), v._2());
        return Either.right(Health.of(
                urn.ink().multiply(ilk.spot()), urn.art().multiply(ilk.rate()), Dss.unsafe(state, v._1(), v._2())));
    }

    @Override
    public Seq<Move<DssCall>> moves(DssState state, String account, String keeper, Block block) {
        Tuple2<String, Address> v = vault(account);
        Address by = Address.of(keeper);
        DssBlock b = block(block);
        Vector<Move<DssCall>> moves = Vector.empty();
        if (Dss.unsafe(state, v._1(), v._2())) {
            DssCall bark = new DssCall.Bark(by, v._1(), v._2(), by);
            var r = Dss.execute(state, bark, b);
            if (r.isRight()) {
                BigInteger gain =
                        r.get().state().vat().dai(by).subtract(state.vat().dai(by));
                moves = moves.append(new Move<>("bark", bark, Option.some(gain), "bark " + account));
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
                moves = moves.appendAll(take(state, b, clip, sale._1(), sale._2(), by, account));
            }
        }
        return moves.sortBy(m -> m.gain().get().negate());
    }

    private Option<Move<DssCall>> take(
            DssState state,
            DssBlock b,
            DssState.Clipper clip,
            BigInteger id,
            DssState.Sale sale,
            Address by,
            String account) {
        Dss.Status status = Dss.getStatus(state, b, clip.address(), id);
        if (status.needsRedo() || status.price().signum() == 0) {
            return Option.none();
        }
        BigInteger owe = sale.lot().multiply(status.price()).min(sale.tab());
        BigInteger market = pips.find(p -> state.spotter().ilk(clip.ilk()).pip().equals(p._2()))
                .flatMap(p -> Option.of(b.pips().get(p._2())))
                .map(peek -> sale.lot().multiply(peek.val()).multiply(E9))
                .getOrElse(BigInteger.ZERO);
        DssCall take = new DssCall.Take(by, clip.address(), id, sale.lot(), status.price(), by);
        return Option.some(new Move<>(
                "take",
                take,
                Option.some(market.subtract(owe)),
                "take sale " + id + " of " + account + " at " + status.price()));
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
     * issued), {@code vice} (debt with no collateral behind it, grabbed by liquidations), the Vow's {@code Sin}
     * (queued bad debt) and {@code Ash} (on auction), and the Dog's {@code Dirt} (tabs of live auctions); {@code vice} is the loss, the others overlap it or are not losses}
     */
    @Override
    public SortedMap<String, Quantity> quantities(DssState state, Block block) {
        return TreeMap.of(
                "Ash", rad(state.vow().Ash(), Quantity.Kind.OTHER),
                "Dirt", rad(state.dog().Dirt(), Quantity.Kind.OTHER),
                "Sin", rad(state.vow().Sin(), Quantity.Kind.OTHER),
                "debt", rad(state.vat().debt(), Quantity.Kind.OTHER),
                "vice", rad(state.vat().vice(), Quantity.Kind.LOSS));
    }

    private static Quantity rad(BigInteger amount, Quantity.Kind kind) {
        return new Quantity(amount, 45, "DAI", kind);
    }
}
