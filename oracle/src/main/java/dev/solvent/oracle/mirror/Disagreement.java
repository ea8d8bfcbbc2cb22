package dev.solvent.oracle.mirror;

/**
 * One view on which the mirror and the deployment answer differently at the block read.
 *
 * @param subject the account, or {@code market} for a market-wide view
 * @param field the view, such as {@code borrowBalanceOf} or {@code collateralBalanceOf(0x...)}
 * @param deployment what the deployment answered (a value, or {@code revert: ...})
 * @param mirror what the mirror answered
 */
public record Disagreement(String subject, String field, String deployment, String mirror) {

    /** {@return one line for a person} */
    public String message() {
        return subject + ": " + field + " is " + deployment + " on chain but " + mirror + " in the mirror";
    }
}
