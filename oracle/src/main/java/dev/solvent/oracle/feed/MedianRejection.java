package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;

/**
 * Why a Median poke was rejected, one record per {@code require} of Maker's {@code Median.poke}, in the order it
 * checks them. A rejected poke leaves the stored price unchanged. Indexes count reports from 0.
 */
public sealed interface MedianRejection {

    /** Not exactly {@code bar} reports ({@code "Median/bar-too-low"}). */
    record BarTooLow(int bar, int given) implements MedianRejection {}

    /**
     * The report's signature recovers to an address that is not an authorised oracle ({@code
     * "Median/invalid-oracle"}); a forged, tampered or malformed signature recovers to a stranger or to {@code
     * address(0)}.
     */
    record InvalidOracle(int index, Address signer) implements MedianRejection {}

    /** The report is not newer than the stored price ({@code "Median/stale-message"}): stale or replayed. */
    record StaleMessage(int index, long age, long storedAge) implements MedianRejection {}

    /** Values are not in ascending order ({@code "Median/messages-not-in-order"}). */
    record MessagesNotInOrder(int index, I256 value, I256 previous) implements MedianRejection {}

    /** The same oracle signed two reports ({@code "Median/oracle-already-signed"}). */
    record OracleAlreadySigned(int index, Address signer) implements MedianRejection {}
}
