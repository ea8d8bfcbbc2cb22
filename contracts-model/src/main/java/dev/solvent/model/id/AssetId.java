package dev.solvent.model.id;

/**
 * Identifies an asset by its symbol, such as USDC or WETH. Ordered by its text, so maps keyed by it iterate the same way on every run.
 *
 * @param symbol a non-blank name without surrounding spaces, such as {@code USDC}
 */
public record AssetId(String symbol) implements Comparable<AssetId> {

    /** Rejects a blank name or one with surrounding spaces. */
    public AssetId {
        if (symbol == null || symbol.isBlank() || !symbol.equals(symbol.strip())) {
            throw new IllegalArgumentException(
                    "symbol must be a non-blank name without surrounding spaces, got '" + symbol + "'");
        }
    }

    /** {@return the id named {@code symbol}} */
    public static AssetId of(String symbol) {
        return new AssetId(symbol);
    }

    @Override
    public int compareTo(AssetId o) {
        return symbol.compareTo(o.symbol);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
