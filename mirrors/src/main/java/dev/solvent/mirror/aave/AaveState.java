package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An Aave v3 market as its contracts keep it: the Pool's reserves (indexes, rates, configuration word, virtual
 * balance, deficit), its users' configuration bitmaps and eMode categories, each reserve's aToken and variable debt
 * token (scaled balances and the index each user last saw), and the ERC-20 ledgers of the underlying assets, so that
 * what the Pool holds is exact too. Immutable: every call derives a new state.
 *
 * @param version the version whose behaviour the mirror follows
 * @param pool the Pool's address (the spender users approve)
 * @param oracle the {@code AaveOracle}'s address (answers {@code getAssetPrice} from the block's answers)
 * @param umbrella the addresses provider's {@code UMBRELLA}, the only caller of {@code eliminateReserveDeficit};
 *     {@link Address#ZERO} when unset
 * @param reserves the listed reserves, by id
 * @param eModeCategories the configured eMode categories, by id (1 to 255)
 * @param userConfig {@code UserConfigurationMap} per user: bit {@code 2i} borrowing reserve {@code i}, bit
 *     {@code 2i+1} using it as collateral
 * @param userEMode each user's eMode category (absent: 0)
 * @param tokens the underlying assets' ledgers, by token address
 */
public record AaveState(
        AaveVersion version,
        Address pool,
        Address oracle,
        Address umbrella,
        Vector<Reserve> reserves,
        Map<Integer, EModeCategory> eModeCategories,
        Map<Address, BigInteger> userConfig,
        Map<Address, Integer> userEMode,
        Map<Address, Erc20> tokens) {

    /** Checks that nothing is missing and that reserve ids are their positions. */
    public AaveState {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(oracle, "oracle");
        Objects.requireNonNull(umbrella, "umbrella");
        Objects.requireNonNull(reserves, "reserves");
        Objects.requireNonNull(eModeCategories, "eModeCategories");
        Objects.requireNonNull(userConfig, "userConfig");
        Objects.requireNonNull(userEMode, "userEMode");
        Objects.requireNonNull(tokens, "tokens");
        for (int i = 0; i < reserves.size(); i++) {
            if (reserves.get(i).id() != i) {
                throw new IllegalArgumentException("reserve " + reserves.get(i).asset() + " has id "
                        + reserves.get(i).id() + " at position " + i);
            }
        }
    }

    /** {@return a market with these reserves, categories and token ledgers, and no users} */
    public static AaveState create(
            AaveVersion version,
            Address pool,
            Address oracle,
            java.util.List<Reserve> reserves,
            java.util.List<EModeCategory> eModeCategories,
            java.util.List<Erc20> tokens) {
        Map<Integer, EModeCategory> categories = HashMap.empty();
        for (EModeCategory c : eModeCategories) {
            categories = categories.put(c.id(), c);
        }
        Map<Address, Erc20> ledgers = HashMap.empty();
        for (Erc20 t : tokens) {
            ledgers = ledgers.put(t.address(), t);
        }
        return new AaveState(
                version,
                pool,
                oracle,
                Address.ZERO,
                Vector.ofAll(reserves),
                categories,
                HashMap.empty(),
                HashMap.empty(),
                ledgers);
    }

    /** {@return the reserve of this underlying asset, if listed} */
    public Option<Reserve> reserve(Address asset) {
        return reserves.find(r -> r.asset().equals(asset));
    }

    /** {@return a user's configuration bitmap (0 when never used)} */
    public BigInteger userConfigOf(Address user) {
        return userConfig.get(user).getOrElse(BigInteger.ZERO);
    }

    /** {@return a user's eMode category (0 when none)} */
    public int userEModeOf(Address user) {
        return userEMode.get(user).getOrElse(0);
    }

    /** {@return this state with the Umbrella set, as {@code PoolAddressesProvider.setAddress(UMBRELLA, a)} does} */
    public AaveState withUmbrella(Address a) {
        return new AaveState(version, pool, oracle, a, reserves, eModeCategories, userConfig, userEMode, tokens);
    }

    /**
     * One reserve as {@code DataTypes.ReserveData} holds it, with its two tokens.
     *
     * @param configuration the {@code ReserveConfigurationMap} word, decoded by {@link ReserveConfig}
     * @param liquidityIndex ray
     * @param currentLiquidityRate ray per year
     * @param variableBorrowIndex ray
     * @param currentVariableBorrowRate ray per year
     * @param lastUpdateTimestamp seconds
     * @param accruedToTreasury scaled aTokens owed to the treasury (minted by {@code mintToTreasury})
     * @param virtualUnderlyingBalance what the Pool counts as held (virtual accounting)
     * @param deficit debt written off by liquidations, in underlying units (v3.3 onwards)
     * @param liquidationGracePeriodUntil liquidations of this reserve revert until after this time
     * @param treasury each token's {@code RESERVE_TREASURY_ADDRESS}
     */
    public record Reserve(
            int id,
            Address asset,
            Address aToken,
            Address variableDebtToken,
            Address interestRateStrategy,
            Address treasury,
            BigInteger configuration,
            BigInteger liquidityIndex,
            BigInteger currentLiquidityRate,
            BigInteger variableBorrowIndex,
            BigInteger currentVariableBorrowRate,
            long lastUpdateTimestamp,
            BigInteger accruedToTreasury,
            BigInteger unbacked,
            BigInteger isolationModeTotalDebt,
            BigInteger virtualUnderlyingBalance,
            BigInteger deficit,
            long liquidationGracePeriodUntil,
            InterestRateData rates,
            ScaledToken aTokenLedger,
            ScaledToken debtLedger) {

        /** Checks that nothing is missing. */
        public Reserve {
            Objects.requireNonNull(asset, "asset");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(rates, "rates");
            Objects.requireNonNull(aTokenLedger, "aTokenLedger");
            Objects.requireNonNull(debtLedger, "debtLedger");
        }

        /**
         * {@return a freshly initialised reserve} Indexes at one ray, no rates, no balances, as
         * {@code ReserveLogic.init} and the configurator leave a new reserve.
         */
        public static Reserve listed(
                int id,
                Address asset,
                Address aToken,
                Address variableDebtToken,
                Address interestRateStrategy,
                Address treasury,
                BigInteger configuration,
                InterestRateData rates,
                long timestamp) {
            return new Reserve(
                    id,
                    asset,
                    aToken,
                    variableDebtToken,
                    interestRateStrategy,
                    treasury,
                    configuration,
                    AaveMath.RAY,
                    BigInteger.ZERO,
                    AaveMath.RAY,
                    BigInteger.ZERO,
                    timestamp,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    0,
                    rates,
                    ScaledToken.empty(aToken),
                    ScaledToken.empty(variableDebtToken));
        }

        /** {@return the decoded configuration} */
        public ReserveConfig config() {
            return new ReserveConfig(configuration);
        }

        /** {@return this reserve with other aToken and debt ledgers} */
        public Reserve withLedgers(ScaledToken aTokenLedger, ScaledToken debtLedger) {
            return new Reserve(
                    id,
                    asset,
                    aToken,
                    variableDebtToken,
                    interestRateStrategy,
                    treasury,
                    configuration,
                    liquidityIndex,
                    currentLiquidityRate,
                    variableBorrowIndex,
                    currentVariableBorrowRate,
                    lastUpdateTimestamp,
                    accruedToTreasury,
                    unbacked,
                    isolationModeTotalDebt,
                    virtualUnderlyingBalance,
                    deficit,
                    liquidationGracePeriodUntil,
                    rates,
                    aTokenLedger,
                    debtLedger);
        }
    }

    /**
     * An eMode category: LTV, liquidation threshold and bonus in basis points, which reserves count as its
     * collateral and which may be borrowed (bit {@code i} = reserve id {@code i}); from v3.6 the {@code ltvzero}
     * bitmap (collateral that counts with LTV 0) and the isolated flag.
     */
    public record EModeCategory(
            int id,
            int ltv,
            int liquidationThreshold,
            int liquidationBonus,
            BigInteger collateralBitmap,
            BigInteger borrowableBitmap,
            BigInteger ltvzeroBitmap,
            boolean isolated) {}

    /**
     * The default interest rate strategy's data for one reserve, in basis points as
     * {@code DefaultReserveInterestRateStrategyV2} stores it (turned into rays when used).
     */
    public record InterestRateData(
            int optimalUsageRatio, int baseVariableBorrowRate, int variableRateSlope1, int variableRateSlope2) {}

    /**
     * A scaled-balance token (aToken or variable debt token): scaled balances ({@code uint128}), the index each
     * holder last saw ({@code additionalData}), and allowances (ERC-20 allowances of an aToken; borrow allowances of a
     * debt token, delegator then delegatee).
     */
    public record ScaledToken(
            Address address,
            BigInteger scaledTotalSupply,
            Map<Address, BigInteger> scaled,
            Map<Address, BigInteger> previousIndex,
            Map<Tuple2<Address, Address>, BigInteger> allowances) {

        /** {@return a token with no holders} */
        public static ScaledToken empty(Address address) {
            return new ScaledToken(address, BigInteger.ZERO, HashMap.empty(), HashMap.empty(), HashMap.empty());
        }

        /** {@return the scaled balance of {@code user}} */
        public BigInteger scaledOf(Address user) {
            return scaled.get(user).getOrElse(BigInteger.ZERO);
        }

        /** {@return the index {@code user} last saw} */
        public BigInteger previousIndexOf(Address user) {
            return previousIndex.get(user).getOrElse(BigInteger.ZERO);
        }

        /** {@return this token after a mint or burn: one holder's scaled balance and last index, and the supply} */
        public ScaledToken withHolder(Address holder, BigInteger balance, BigInteger index, BigInteger supply) {
            return new ScaledToken(
                    address, supply, scaled.put(holder, balance), previousIndex.put(holder, index), allowances);
        }

        /** {@return the allowance of {@code owner} to {@code spender}} */
        public BigInteger allowance(Address owner, Address spender) {
            return allowances.get(new Tuple2<>(owner, spender)).getOrElse(BigInteger.ZERO);
        }
    }
}
