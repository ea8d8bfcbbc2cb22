package dev.solvent.model.id;

/**
 * Identifies a perpetual market, such as ETH-PERP. Ordered by its text, so maps keyed by it iterate the same way on every run.
 *
 * @param name a non-blank name without surrounding spaces, such as {@code ETH-PERP}
 */
public record MarketId(String name) implements Comparable<MarketId> {

    /** Rejects a blank name or one with surrounding spaces. */
    public MarketId {
        if (name == null || name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException(
                    "name must be a non-blank name without surrounding spaces, got '" + name + "'");
        }
    }

    /** {@return the id named {@code name}} */
    public static MarketId of(String name) {
        return new MarketId(name);
    }

    @Override
    public int compareTo(MarketId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
