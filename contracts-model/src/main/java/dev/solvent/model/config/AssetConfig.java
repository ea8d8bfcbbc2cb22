package dev.solvent.model.config;

import dev.solvent.model.check.Checks;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.Wad;
import io.vavr.control.Option;

/**
 * An asset the protocol holds: its token decimals, where its price comes from, and how much of its value counts as
 * margin.
 *
 * @param id the asset's symbol
 * @param decimals token decimals, {@code 0..36} (USDC 6, WBTC 8, WETH 18)
 * @param priceKey the oracle answer that prices it in settlement units; none only for the settlement asset
 * @param collateralWeight fraction of a positive balance's value that counts as margin (1 minus the haircut), in
 *     {@code [0, 1]}
 * @param borrowable whether the balance may go negative (a loan)
 * @param liabilityWeight multiplier on the value of a negative balance for margin, {@code >= 1}
 * @param maxOracleAge seconds after which its price is stale, {@code > 0}
 */
public record AssetConfig(
        AssetId id,
        int decimals,
        Option<String> priceKey,
        Wad collateralWeight,
        boolean borrowable,
        Wad liabilityWeight,
        long maxOracleAge) {

    /** Rejects out-of-range values, naming each field. */
    public AssetConfig {
        String name = id == null ? "?" : id.symbol();
        Checks c = new Checks("assets." + name + ".");
        c.notNull(id, "id").notNull(priceKey, "priceKey");
        c.require(decimals >= 0 && decimals <= 36, "decimals", decimals, "0..36");
        c.fraction(collateralWeight, "collateralWeight");
        c.notNull(liabilityWeight, "liabilityWeight");
        if (liabilityWeight != null) {
            c.require(
                    liabilityWeight.compareTo(Wad.ONE) >= 0,
                    "liabilityWeight",
                    liabilityWeight,
                    "liabilityWeight >= 1");
        }
        c.require(maxOracleAge > 0, "maxOracleAge", maxOracleAge, "maxOracleAge > 0 seconds");
        if (priceKey != null) {
            c.require(priceKey.forAll(k -> !k.isBlank()), "priceKey", "''", "a non-blank oracle key");
        }
        c.throwIfAny(ConfigException::new);
    }
}
