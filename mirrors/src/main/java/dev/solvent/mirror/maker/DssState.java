package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import java.math.BigInteger;

/**
 * The dss contracts a liquidation touches, as immutable values with their storage named as dss names it: the Vat,
 * Jug, Spotter, Vow, Dog, and per collateral a Clipper with its price curve (Liquidations 2.0); the Cat and per
 * collateral a Flipper (the English auctions of March 2020). Units are dss's: WAD (1e18), RAY (1e27), RAD (1e45).
 * Collateral types are named by their {@code bytes32} text ({@code "ETH-A"}).
 */
public record DssState(
        Vat vat,
        Jug jug,
        Spotter spotter,
        Vow vow,
        Dog dog,
        Cat cat,
        Map<Address, Clipper> clippers,
        Map<Address, Abacus> calcs,
        Map<Address, Flipper> flippers) {

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger RAY = BigInteger.TEN.pow(27);

    /** The contracts as their constructors leave them, each with {@code deployer} as its only ward. */
    public static DssState deployed(
            Address vat,
            Address jug,
            Address spotter,
            Address vow,
            Address dog,
            Address cat,
            Address flapper,
            Address deployer) {
        Set<Address> wards = HashSet.of(deployer);
        return new DssState(
                // the Vow's constructor calls vat.hope(flapper)
                new Vat(
                        vat,
                        wards,
                        HashSet.of(new Tuple2<>(vow, flapper)),
                        HashMap.empty(),
                        HashMap.empty(),
                        HashMap.empty(),
                        HashMap.empty(),
                        HashMap.empty(),
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        true),
                new Jug(jug, wards, HashMap.empty(), vat, Address.ZERO, BigInteger.ZERO),
                new Spotter(spotter, wards, HashMap.empty(), vat, RAY, true),
                new Vow(vow, wards, vat, HashMap.empty(), BigInteger.ZERO, BigInteger.ZERO, HashMap.empty(), true),
                new Dog(dog, wards, vat, HashMap.empty(), Address.ZERO, true, BigInteger.ZERO, BigInteger.ZERO),
                new Cat(cat, wards, vat, HashMap.empty(), Address.ZERO, true, BigInteger.ZERO, BigInteger.ZERO),
                HashMap.empty(),
                HashMap.empty(),
                HashMap.empty());
    }

    /** A collateral type in the Vat ({@code Vat.Ilk}). */
    public record VatIlk(BigInteger Art, BigInteger rate, BigInteger spot, BigInteger line, BigInteger dust) {
        /** An ilk never initialised. */
        public static final VatIlk NONE =
                new VatIlk(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** A vault ({@code Vat.Urn}): locked collateral and normalised debt. */
    public record Urn(BigInteger ink, BigInteger art) {
        /** A vault never opened. */
        public static final Urn NONE = new Urn(BigInteger.ZERO, BigInteger.ZERO);
    }

    /**
     * The Vat: the CDP engine.
     *
     * @param can the (owner, operator) pairs with {@code can[owner][operator] == 1}
     */
    public record Vat(
            Address address,
            Set<Address> wards,
            Set<Tuple2<Address, Address>> can,
            Map<String, VatIlk> ilks,
            Map<Tuple2<String, Address>, Urn> urns,
            Map<Tuple2<String, Address>, BigInteger> gem,
            Map<Address, BigInteger> dai,
            Map<Address, BigInteger> sin,
            BigInteger debt,
            BigInteger vice,
            BigInteger Line,
            boolean live) {

        /** {@return {@code ilks[ilk]}} */
        public VatIlk ilk(String ilk) {
            return ilks.get(ilk).getOrElse(VatIlk.NONE);
        }

        /** {@return {@code urns[ilk][usr]}} */
        public Urn urn(String ilk, Address usr) {
            return urns.get(new Tuple2<>(ilk, usr)).getOrElse(Urn.NONE);
        }

        /** {@return {@code gem[ilk][usr]}} */
        public BigInteger gem(String ilk, Address usr) {
            return gem.get(new Tuple2<>(ilk, usr)).getOrElse(BigInteger.ZERO);
        }

        /** {@return {@code dai[usr]}} */
        public BigInteger dai(Address usr) {
            return dai.get(usr).getOrElse(BigInteger.ZERO);
        }

        /** {@return {@code sin[usr]}} */
        public BigInteger sin(Address usr) {
            return sin.get(usr).getOrElse(BigInteger.ZERO);
        }

        /** {@return {@code wish(bit, usr)}: the owner itself or an operator it hoped} */
        public boolean wish(Address bit, Address usr) {
            return bit.equals(usr) || can.contains(new Tuple2<>(bit, usr));
        }
    }

    /** A collateral type in the Jug: its stability fee and the time of its last drip. */
    public record JugIlk(BigInteger duty, BigInteger rho) {
        /** Never initialised. */
        public static final JugIlk NONE = new JugIlk(BigInteger.ZERO, BigInteger.ZERO);
    }

    /** The Jug: stability fees. */
    public record Jug(
            Address address, Set<Address> wards, Map<String, JugIlk> ilks, Address vat, Address vow, BigInteger base) {
        /** {@return {@code ilks[ilk]}} */
        public JugIlk ilk(String ilk) {
            return ilks.get(ilk).getOrElse(JugIlk.NONE);
        }
    }

    /** A collateral type in the Spotter: its price feed and liquidation ratio. */
    public record SpotIlk(Address pip, BigInteger mat) {
        /** Never filed. */
        public static final SpotIlk NONE = new SpotIlk(Address.ZERO, BigInteger.ZERO);
    }

    /** The Spotter: turns a feed price into the Vat's {@code spot}. */
    public record Spotter(
            Address address, Set<Address> wards, Map<String, SpotIlk> ilks, Address vat, BigInteger par, boolean live) {
        /** {@return {@code ilks[ilk]}} */
        public SpotIlk ilk(String ilk) {
            return ilks.get(ilk).getOrElse(SpotIlk.NONE);
        }
    }

    /**
     * The Vow, as far as it books bad debt: the debt queue {@code sin[era]}, {@code Sin}, {@code Ash}, and its
     * numbers ({@code wait}, {@code bump}, {@code sump}, {@code dump}, {@code hump}). Surplus and debt auctions (flap,
     * flop) are not mirrored.
     */
    public record Vow(
            Address address,
            Set<Address> wards,
            Address vat,
            Map<BigInteger, BigInteger> sin,
            BigInteger Sin,
            BigInteger Ash,
            Map<String, BigInteger> numbers,
            boolean live) {

        /** {@return {@code wait}, the delay before queued debt can be flogged} */
        public BigInteger waitTime() {
            return number("wait");
        }

        /** {@return one of {@code wait}, {@code bump}, {@code sump}, {@code dump}, {@code hump}} */
        public BigInteger number(String what) {
            return numbers.get(what).getOrElse(BigInteger.ZERO);
        }

        /** {@return {@code sin[era]}} */
        public BigInteger sin(BigInteger era) {
            return sin.get(era).getOrElse(BigInteger.ZERO);
        }
    }

    /** A collateral type in the Dog. */
    public record DogIlk(Address clip, BigInteger chop, BigInteger hole, BigInteger dirt) {
        /** Never filed. */
        public static final DogIlk NONE = new DogIlk(Address.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** The Dog: starts Liquidations 2.0 auctions ({@code bark}) within {@code Hole} and each ilk's {@code hole}. */
    public record Dog(
            Address address,
            Set<Address> wards,
            Address vat,
            Map<String, DogIlk> ilks,
            Address vow,
            boolean live,
            BigInteger Hole,
            BigInteger Dirt) {
        /** {@return {@code ilks[ilk]}} */
        public DogIlk ilk(String ilk) {
            return ilks.get(ilk).getOrElse(DogIlk.NONE);
        }
    }

    /** A Dutch auction in a Clipper ({@code Clipper.Sale}). */
    public record Sale(BigInteger pos, BigInteger tab, BigInteger lot, Address usr, BigInteger tic, BigInteger top) {
        /** No auction. */
        public static final Sale NONE = new Sale(
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Address.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** A Clipper: the Dutch auctions of one collateral type. */
    public record Clipper(
            Address address,
            Set<Address> wards,
            String ilk,
            Address vat,
            Address spotter,
            Address dog,
            Address vow,
            Address calc,
            BigInteger buf,
            BigInteger tail,
            BigInteger cusp,
            BigInteger chip,
            BigInteger tip,
            BigInteger chost,
            BigInteger kicks,
            Vector<BigInteger> active,
            Map<BigInteger, Sale> sales,
            BigInteger stopped) {

        /** {@return a Clipper as its constructor leaves it} */
        public static Clipper deployed(
                Address address, Address deployer, Address vat, Address spotter, Address dog, String ilk) {
            return new Clipper(
                    address,
                    HashSet.of(deployer),
                    ilk,
                    vat,
                    spotter,
                    dog,
                    Address.ZERO,
                    Address.ZERO,
                    RAY,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    Vector.empty(),
                    HashMap.empty(),
                    BigInteger.ZERO);
        }

        /** {@return {@code sales[id]}} */
        public Sale sale(BigInteger id) {
            return sales.get(id).getOrElse(Sale.NONE);
        }
    }

    /** A Flipper bid ({@code Flipper.Bid}): the English auction of March 2020. */
    public record Bid(
            BigInteger bid,
            BigInteger lot,
            Address guy,
            BigInteger tic,
            BigInteger end,
            Address usr,
            Address gal,
            BigInteger tab) {
        /** No auction. */
        public static final Bid NONE = new Bid(
                BigInteger.ZERO,
                BigInteger.ZERO,
                Address.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                Address.ZERO,
                Address.ZERO,
                BigInteger.ZERO);
    }

    /** A Flipper: the English auctions ({@code tend}, then {@code dent}) of one collateral type. */
    public record Flipper(
            Address address,
            Set<Address> wards,
            String ilk,
            Address vat,
            Address cat,
            BigInteger beg,
            BigInteger ttl,
            BigInteger tau,
            BigInteger kicks,
            Map<BigInteger, Bid> bids) {

        /** {@return a Flipper as its constructor leaves it: beg 5%, ttl 3 hours, tau 2 days} */
        public static Flipper deployed(Address address, Address deployer, Address vat, Address cat, String ilk) {
            return new Flipper(
                    address,
                    HashSet.of(deployer),
                    ilk,
                    vat,
                    cat,
                    new BigInteger("1050000000000000000"),
                    BigInteger.valueOf(3 * 3600),
                    BigInteger.valueOf(2 * 86_400),
                    BigInteger.ZERO,
                    HashMap.empty());
        }

        /** {@return {@code bids[id]}} */
        public Bid bid(BigInteger id) {
            return bids.get(id).getOrElse(Bid.NONE);
        }
    }

    /** A price curve of Liquidations 2.0 ({@code abaci.sol}): the auction price after {@code dur} seconds. */
    public sealed interface Abacus {
        /** {@return the contract's address} */
        Address address();

        /** {@return its wards} */
        Set<Address> wards();

        /** Falls linearly from {@code top} to 0 over {@code tau} seconds. */
        record LinearDecrease(Address address, Set<Address> wards, BigInteger tau) implements Abacus {}

        /** Multiplies by {@code cut} (RAY) every {@code step} seconds. */
        record StairstepExponentialDecrease(Address address, Set<Address> wards, BigInteger step, BigInteger cut)
                implements Abacus {}

        /** Multiplies by {@code cut} (RAY) every second. */
        record ExponentialDecrease(Address address, Set<Address> wards, BigInteger cut) implements Abacus {}
    }

    /** A collateral type in the Cat. */
    public record CatIlk(Address flip, BigInteger chop, BigInteger dunk) {
        /** Never filed. */
        public static final CatIlk NONE = new CatIlk(Address.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** The Cat: starts Flipper auctions ({@code bite}) within {@code box}. */
    public record Cat(
            Address address,
            Set<Address> wards,
            Address vat,
            Map<String, CatIlk> ilks,
            Address vow,
            boolean live,
            BigInteger box,
            BigInteger litter) {
        /** {@return {@code ilks[ilk]}} */
        public CatIlk ilk(String ilk) {
            return ilks.get(ilk).getOrElse(CatIlk.NONE);
        }
    }
}
