package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/**
 * One view to read on both sides of a dss differential test: the contract that answers, the function's signature,
 * its arguments ({@link Address}, {@link BigInteger}, {@link Boolean}, a {@code 0x} hex {@link String} for
 * {@code bytes32}) and the ABI types of its outputs, flattened (a returned struct lists its fields' types in order).
 *
 * <p>Both sides render a result the same way (the rule of the Comet harness's {@code ViewCall}): the outputs joined
 * by {@code ","}, each an address in lower-case hex, an integer in decimal, {@code true}/{@code false}, a
 * {@code bytesN} as lower-case {@code 0x} hex, an array as {@code [a,b]}; a revert renders as
 * {@code "revert " + EvmRevert.toString()} (solc 0.6's invalid opcode as {@link DssChain#INVALID_OPCODE}).
 *
 * @param key a readable name for traces, unique within one observation, e.g. {@code "vat.urns(ETH-A,alice)"}
 * @param target which contract answers: one of {@link DssChain#CONTRACTS} ({@code "vat"}, {@code "jug"},
 *     {@code "spot"}, {@code "vow"}, {@code "dog"}, {@code "clip"}, {@code "calc"}, {@code "cat"}, {@code "flip"},
 *     {@code "pip"}) or an address in hex
 */
record DssView(String key, String target, String signature, List<Object> args, List<String> outputs) {

    private static final String U = "uint256";

    DssView {
        args = List.copyOf(args);
        outputs = List.copyOf(outputs);
    }

    private static DssView of(String key, String target, String signature, List<Object> args, String... outputs) {
        return new DssView(key, target, signature, args, List.of(outputs));
    }

    private static List<String> uints(int n) {
        return Collections.nCopies(n, U);
    }

    // ---- Vat ------------------------------------------------------------------------------------------------------

    /** {@code vat.ilks(ilk)}: {@code Art, rate, spot, line, dust}. {@code ilk} is the bytes32 hex. */
    static DssView vatIlks(String ilk) {
        return new DssView("vat.ilks(" + ilk + ")", "vat", "ilks(bytes32)", List.of(ilk), uints(5));
    }

    /** {@code vat.urns(ilk, u)}: {@code ink, art}. */
    static DssView vatUrns(String ilk, Address u) {
        return new DssView(
                "vat.urns(" + ilk + "," + u + ")", "vat", "urns(bytes32,address)", List.of(ilk, u), uints(2));
    }

    static DssView vatGem(String ilk, Address u) {
        return of("vat.gem(" + ilk + "," + u + ")", "vat", "gem(bytes32,address)", List.of(ilk, u), U);
    }

    static DssView vatDai(Address u) {
        return of("vat.dai(" + u + ")", "vat", "dai(address)", List.of(u), U);
    }

    static DssView vatSin(Address u) {
        return of("vat.sin(" + u + ")", "vat", "sin(address)", List.of(u), U);
    }

    static DssView vatCan(Address bit, Address usr) {
        return of("vat.can(" + bit + "," + usr + ")", "vat", "can(address,address)", List.of(bit, usr), U);
    }

    static DssView vatDebt() {
        return of("vat.debt", "vat", "debt()", List.of(), U);
    }

    static DssView vatVice() {
        return of("vat.vice", "vat", "vice()", List.of(), U);
    }

    static DssView vatLine() {
        return of("vat.Line", "vat", "Line()", List.of(), U);
    }

    // ---- Dog and Clipper --------------------------------------------------------------------------------------

    /** {@code dog.ilks(ilk)}: {@code clip, chop, hole, dirt}. */
    static DssView dogIlks(String ilk) {
        return of("dog.ilks(" + ilk + ")", "dog", "ilks(bytes32)", List.of(ilk), "address", U, U, U);
    }

    static DssView dogHole() {
        return of("dog.Hole", "dog", "Hole()", List.of(), U);
    }

    static DssView dogDirt() {
        return of("dog.Dirt", "dog", "Dirt()", List.of(), U);
    }

    /** {@code clip.sales(id)}: {@code pos, tab, lot, usr, tic, top}. */
    static DssView clipSales(BigInteger id) {
        return of("clip.sales(" + id + ")", "clip", "sales(uint256)", List.of(id), U, U, U, "address", "uint96", U);
    }

    static DssView clipKicks() {
        return of("clip.kicks", "clip", "kicks()", List.of(), U);
    }

    static DssView clipCount() {
        return of("clip.count", "clip", "count()", List.of(), U);
    }

    /** {@code clip.list()}: the active auction ids, rendered {@code [1,2]}. */
    static DssView clipList() {
        return of("clip.list", "clip", "list()", List.of(), "uint256[]");
    }

    /** {@code clip.getStatus(id)}: {@code needsRedo, price, lot, tab}. */
    static DssView clipGetStatus(BigInteger id) {
        return of("clip.getStatus(" + id + ")", "clip", "getStatus(uint256)", List.of(id), "bool", U, U, U);
    }

    static DssView clipChost() {
        return of("clip.chost", "clip", "chost()", List.of(), U);
    }

    static DssView clipStopped() {
        return of("clip.stopped", "clip", "stopped()", List.of(), U);
    }

    /** {@code price(top, dur)} of the Clipper's calculator. */
    static DssView calcPrice(BigInteger top, BigInteger dur) {
        return calcPrice("calc", top, dur);
    }

    /** {@code price(top, dur)} of an abacus: {@code "calc"} or the address of another one. */
    static DssView calcPrice(String target, BigInteger top, BigInteger dur) {
        return of(target + ".price(" + top + "," + dur + ")", target, "price(uint256,uint256)", List.of(top, dur), U);
    }

    // ---- Jug, Vow, Spotter, pip --------------------------------------------------------------------------------

    /** {@code jug.ilks(ilk)}: {@code duty, rho}. */
    static DssView jugIlks(String ilk) {
        return new DssView("jug.ilks(" + ilk + ")", "jug", "ilks(bytes32)", List.of(ilk), uints(2));
    }

    static DssView vowSin() {
        return of("vow.Sin", "vow", "Sin()", List.of(), U);
    }

    /** {@code vow.sin(era)}: the debt queued at {@code era}. */
    static DssView vowSinAt(BigInteger era) {
        return of("vow.sin(" + era + ")", "vow", "sin(uint256)", List.of(era), U);
    }

    static DssView vowAsh() {
        return of("vow.Ash", "vow", "Ash()", List.of(), U);
    }

    /** {@code spot.ilks(ilk)}: {@code pip, mat}. */
    static DssView spotIlks(String ilk) {
        return of("spot.ilks(" + ilk + ")", "spot", "ilks(bytes32)", List.of(ilk), "address", U);
    }

    /** {@code pip.peek()}: {@code val} (bytes32 hex), {@code has}. */
    static DssView pipPeek() {
        return of("pip.peek", "pip", "peek()", List.of(), "bytes32", "bool");
    }

    // ---- Cat and Flipper --------------------------------------------------------------------------------------

    /** {@code cat.ilks(ilk)}: {@code flip, chop, dunk}. */
    static DssView catIlks(String ilk) {
        return of("cat.ilks(" + ilk + ")", "cat", "ilks(bytes32)", List.of(ilk), "address", U, U);
    }

    static DssView catBox() {
        return of("cat.box", "cat", "box()", List.of(), U);
    }

    static DssView catLitter() {
        return of("cat.litter", "cat", "litter()", List.of(), U);
    }

    /** {@code flip.bids(id)}: {@code bid, lot, guy, tic, end, usr, gal, tab}. */
    static DssView flipBids(BigInteger id) {
        return of(
                "flip.bids(" + id + ")",
                "flip",
                "bids(uint256)",
                List.of(id),
                U,
                U,
                "address",
                "uint48",
                "uint48",
                "address",
                "address",
                U);
    }

    static DssView flipKicks() {
        return of("flip.kicks", "flip", "kicks()", List.of(), U);
    }

    /** {@code wards(usr)} of any contract (by name or address). */
    static DssView wards(String target, Address usr) {
        return of(target + ".wards(" + usr + ")", target, "wards(address)", List.of(usr), U);
    }
}
