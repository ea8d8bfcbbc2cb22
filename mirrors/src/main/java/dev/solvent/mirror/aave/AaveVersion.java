package dev.solvent.mirror.aave;

/**
 * The Aave v3 versions the mirror follows, each pinned to a commit of {@code aave-dao/aave-v3-origin}. Where the
 * versions differ (rounding directions, the shape of the health-factor formula, custom errors), the mirror branches on
 * this value in one place rather than keeping two copies of the logic.
 */
public enum AaveVersion {
    /**
     * Tag {@code v3.3.0}, commit {@code 5431379f8beb4d7128c84a81ced3917d856efa84}: half-up ray and percentage math
     * everywhere, reverts as {@code require} strings holding the numeric codes of {@code Errors.sol}, per-reserve
     * interest rate strategies, reserves with or without virtual accounting.
     */
    V3_3,
    /**
     * Main at {@code fd1fbd9150426ca8ace9cee45b4acf912ae84f5b} (v3.7): directional rounding through
     * {@code TokenMath} (collateral down, debt up), custom errors, one Pool-wide interest rate strategy, virtual
     * accounting always on, the eMode {@code ltvzero} bitmap and position managers.
     */
    V3_7;

    /** {@return whether this version rounds token amounts by direction ({@code TokenMath}, v3.5 onwards)} */
    boolean directionalRounding() {
        return this == V3_7;
    }
}
