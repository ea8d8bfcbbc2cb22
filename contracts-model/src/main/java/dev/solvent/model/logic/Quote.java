package dev.solvent.model.logic;

import dev.solvent.model.math.I256;

/**
 * A validated oracle price as the contract uses it: positive, fresh, in settlement units per whole unit of the asset.
 *
 * @param key the oracle key it was read from
 * @param price the answer, with {@code decimals} decimals
 * @param decimals the feed's decimals
 */
public record Quote(String key, I256 price, int decimals) {}
