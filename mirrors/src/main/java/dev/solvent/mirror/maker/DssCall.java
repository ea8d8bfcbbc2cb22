package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;

/**
 * A transaction to a dss contract, one record per external function (named as dss names it; where two contracts
 * share a name, the record is prefixed with the contract). {@code sender} is {@code msg.sender}; collateral types
 * are {@code bytes32} names such as {@code "ETH-A"}.
 */
public sealed interface DssCall {

    /** {@return {@code msg.sender}} */
    Address sender();

    /** Rejects a value no {@code uint256} argument can hold, naming the argument. */
    static void uint256(String field, BigInteger value) {
        if (value == null || value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(field + " is a uint256 (0 to 2^256-1), not " + value);
        }
    }

    /** Rejects a value no {@code int256} argument can hold, naming the argument. */
    static void int256(String field, BigInteger value) {
        if (value == null || value.bitLength() > 255) {
            throw new IllegalArgumentException(field + " is an int256 (-2^255 to 2^255-1), not " + value);
        }
    }

    /** Rejects a missing address or a name longer than a {@code bytes32}, naming the argument. */
    static void present(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value instanceof String text && (text.length() > 32 || !text.chars().allMatch(c -> c < 128))) {
            throw new IllegalArgumentException(field + " is a bytes32 name (at most 32 ASCII characters), not " + text);
        }
    }

    /** {@code rely(usr)} on the contract at {@code target}. */
    record Rely(Address sender, Address target, Address usr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Rely {
            present("sender", sender);
            present("target", target);
            present("usr", usr);
        }
    }

    /** {@code deny(usr)} on the contract at {@code target}. */
    record Deny(Address sender, Address target, Address usr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Deny {
            present("sender", sender);
            present("target", target);
            present("usr", usr);
        }
    }

    /** {@code file(what, data)}: a number of the contract at {@code target}. */
    record FileUint(Address sender, Address target, String what, BigInteger data) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FileUint {
            present("sender", sender);
            present("target", target);
            present("what", what);
            uint256("data", data);
        }
    }

    /** {@code file(what, data)}: an address the contract at {@code target} calls. */
    record FileAddress(Address sender, Address target, String what, Address data) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FileAddress {
            present("sender", sender);
            present("target", target);
            present("what", what);
            present("data", data);
        }
    }

    /** {@code file(ilk, what, data)}: a number of one collateral type. */
    record FileIlkUint(Address sender, Address target, String ilk, String what, BigInteger data) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FileIlkUint {
            present("sender", sender);
            present("target", target);
            present("ilk", ilk);
            present("what", what);
            uint256("data", data);
        }
    }

    /** {@code file(ilk, what, data)}: the pip, clip or flip of one collateral type. */
    record FileIlkAddress(Address sender, Address target, String ilk, String what, Address data) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FileIlkAddress {
            present("sender", sender);
            present("target", target);
            present("ilk", ilk);
            present("what", what);
            present("data", data);
        }
    }

    /** {@code init(ilk)} on the Vat or the Jug. */
    record Init(Address sender, Address target, String ilk) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Init {
            present("sender", sender);
            present("target", target);
            present("ilk", ilk);
        }
    }

    /** {@code cage()} on the Vat, Spotter, Dog or Cat. */
    record Cage(Address sender, Address target) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Cage {
            present("sender", sender);
            present("target", target);
        }
    }

    /** {@code vat.slip(ilk, usr, wad)}: credits collateral (ward only). */
    record Slip(Address sender, String ilk, Address usr, BigInteger wad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Slip {
            present("sender", sender);
            present("ilk", ilk);
            present("usr", usr);
            int256("wad", wad);
        }
    }

    /** {@code vat.flux(ilk, src, dst, wad)}. */
    record Flux(Address sender, String ilk, Address src, Address dst, BigInteger wad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Flux {
            present("sender", sender);
            present("ilk", ilk);
            present("src", src);
            present("dst", dst);
            uint256("wad", wad);
        }
    }

    /** {@code vat.move(src, dst, rad)}. */
    record Move(Address sender, Address src, Address dst, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Move {
            present("sender", sender);
            present("src", src);
            present("dst", dst);
            uint256("rad", rad);
        }
    }

    /** {@code vat.frob(ilk, u, v, w, dink, dart)}: opens, draws, repays or frees a vault. */
    record Frob(Address sender, String ilk, Address u, Address v, Address w, BigInteger dink, BigInteger dart)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Frob {
            present("sender", sender);
            present("ilk", ilk);
            present("u", u);
            present("v", v);
            present("w", w);
            int256("dink", dink);
            int256("dart", dart);
        }
    }

    /** {@code vat.fork(ilk, src, dst, dink, dart)}. */
    record Fork(Address sender, String ilk, Address src, Address dst, BigInteger dink, BigInteger dart)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Fork {
            present("sender", sender);
            present("ilk", ilk);
            present("src", src);
            present("dst", dst);
            int256("dink", dink);
            int256("dart", dart);
        }
    }

    /** {@code vat.grab(ilk, u, v, w, dink, dart)} (ward only). */
    record Grab(Address sender, String ilk, Address u, Address v, Address w, BigInteger dink, BigInteger dart)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Grab {
            present("sender", sender);
            present("ilk", ilk);
            present("u", u);
            present("v", v);
            present("w", w);
            int256("dink", dink);
            int256("dart", dart);
        }
    }

    /** {@code vat.heal(rad)}. */
    record Heal(Address sender, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Heal {
            present("sender", sender);
            uint256("rad", rad);
        }
    }

    /** {@code vat.suck(u, v, rad)} (ward only). */
    record Suck(Address sender, Address u, Address v, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Suck {
            present("sender", sender);
            present("u", u);
            present("v", v);
            uint256("rad", rad);
        }
    }

    /** {@code vat.fold(ilk, u, rate)} (ward only). */
    record Fold(Address sender, String ilk, Address u, BigInteger rate) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Fold {
            present("sender", sender);
            present("ilk", ilk);
            present("u", u);
            int256("rate", rate);
        }
    }

    /** {@code vat.hope(usr)}. */
    record Hope(Address sender, Address usr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Hope {
            present("sender", sender);
            present("usr", usr);
        }
    }

    /** {@code vat.nope(usr)}. */
    record Nope(Address sender, Address usr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Nope {
            present("sender", sender);
            present("usr", usr);
        }
    }

    /** {@code jug.drip(ilk)}: accrues the stability fee into the Vat's rate. */
    record Drip(Address sender, String ilk) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Drip {
            present("sender", sender);
            present("ilk", ilk);
        }
    }

    /** {@code spotter.poke(ilk)}: reads the pip and sets the Vat's spot. */
    record Poke(Address sender, String ilk) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Poke {
            present("sender", sender);
            present("ilk", ilk);
        }
    }

    /** {@code vow.fess(tab)} (ward only). */
    record Fess(Address sender, BigInteger tab) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Fess {
            present("sender", sender);
            uint256("tab", tab);
        }
    }

    /** {@code vow.flog(era)}. */
    record Flog(Address sender, BigInteger era) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Flog {
            present("sender", sender);
            uint256("era", era);
        }
    }

    /** {@code vow.heal(rad)}. */
    record VowHeal(Address sender, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public VowHeal {
            present("sender", sender);
            uint256("rad", rad);
        }
    }

    /** {@code dog.bark(ilk, urn, kpr)}: starts a Dutch auction of a vault, or of the part the limits allow. */
    record Bark(Address sender, String ilk, Address urn, Address kpr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Bark {
            present("sender", sender);
            present("ilk", ilk);
            present("urn", urn);
            present("kpr", kpr);
        }
    }

    /** {@code dog.digs(ilk, rad)} (ward only). */
    record Digs(Address sender, String ilk, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Digs {
            present("sender", sender);
            present("ilk", ilk);
            uint256("rad", rad);
        }
    }

    /** {@code clipper.kick(tab, lot, usr, kpr)} (ward only: the Dog). */
    record Kick(Address sender, Address clip, BigInteger tab, BigInteger lot, Address usr, Address kpr)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Kick {
            present("sender", sender);
            present("clip", clip);
            uint256("tab", tab);
            uint256("lot", lot);
            present("usr", usr);
            present("kpr", kpr);
        }
    }

    /** {@code clipper.take(id, amt, max, who, "")}: buys collateral at the curve's price (no callee). */
    record Take(Address sender, Address clip, BigInteger id, BigInteger amt, BigInteger max, Address who)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Take {
            present("sender", sender);
            present("clip", clip);
            uint256("id", id);
            uint256("amt", amt);
            uint256("max", max);
            present("who", who);
        }
    }

    /** {@code clipper.redo(id, kpr)}: restarts an auction that is too old or too cheap. */
    record Redo(Address sender, Address clip, BigInteger id, Address kpr) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Redo {
            present("sender", sender);
            present("clip", clip);
            uint256("id", id);
            present("kpr", kpr);
        }
    }

    /** {@code clipper.upchost()}: caches dust times chop. */
    record Upchost(Address sender, Address clip) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Upchost {
            present("sender", sender);
            present("clip", clip);
        }
    }

    /** {@code clipper.yank(id)} (ward only). */
    record Yank(Address sender, Address clip, BigInteger id) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Yank {
            present("sender", sender);
            present("clip", clip);
            uint256("id", id);
        }
    }

    /** {@code cat.bite(ilk, urn)}: starts a Flipper auction (March 2020's system). */
    record Bite(Address sender, String ilk, Address urn) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Bite {
            present("sender", sender);
            present("ilk", ilk);
            present("urn", urn);
        }
    }

    /** {@code cat.claw(rad)} (ward only: the Flipper). */
    record Claw(Address sender, BigInteger rad) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Claw {
            present("sender", sender);
            uint256("rad", rad);
        }
    }

    /** {@code flipper.kick(usr, gal, tab, lot, bid)} (ward only: the Cat). */
    record FlipKick(
            Address sender, Address flip, Address usr, Address gal, BigInteger tab, BigInteger lot, BigInteger bid)
            implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FlipKick {
            present("sender", sender);
            present("flip", flip);
            present("usr", usr);
            present("gal", gal);
            uint256("tab", tab);
            uint256("lot", lot);
            uint256("bid", bid);
        }
    }

    /** {@code flipper.tick(id)}: restarts an auction that ended without bids. */
    record Tick(Address sender, Address flip, BigInteger id) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Tick {
            present("sender", sender);
            present("flip", flip);
            uint256("id", id);
        }
    }

    /** {@code flipper.tend(id, lot, bid)}: a higher DAI bid for the whole lot. */
    record Tend(Address sender, Address flip, BigInteger id, BigInteger lot, BigInteger bid) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Tend {
            present("sender", sender);
            present("flip", flip);
            uint256("id", id);
            uint256("lot", lot);
            uint256("bid", bid);
        }
    }

    /** {@code flipper.dent(id, lot, bid)}: less collateral for the full tab. */
    record Dent(Address sender, Address flip, BigInteger id, BigInteger lot, BigInteger bid) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Dent {
            present("sender", sender);
            present("flip", flip);
            uint256("id", id);
            uint256("lot", lot);
            uint256("bid", bid);
        }
    }

    /** {@code flipper.deal(id)}: settles a finished auction. */
    record Deal(Address sender, Address flip, BigInteger id) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public Deal {
            present("sender", sender);
            present("flip", flip);
            uint256("id", id);
        }
    }

    /** {@code flipper.yank(id)} (ward only). */
    record FlipYank(Address sender, Address flip, BigInteger id) implements DssCall {
        /** Checks each argument fits its ABI type. */
        public FlipYank {
            present("sender", sender);
            present("flip", flip);
            uint256("id", id);
        }
    }
}
