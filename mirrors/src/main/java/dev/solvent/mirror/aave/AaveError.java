package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.EvmRevert;

/**
 * The Pool's revert reasons that the mirror raises, each as both versions spell it: v3.3's {@code require} strings
 * hold the numeric codes of {@code Errors.sol}; v3.7's custom errors carry names.
 */
enum AaveError {
    INVALID_MINT_AMOUNT("24", "InvalidMintAmount"),
    INVALID_BURN_AMOUNT("25", "InvalidBurnAmount"),
    INVALID_AMOUNT("26", "InvalidAmount"),
    RESERVE_INACTIVE("27", "ReserveInactive"),
    RESERVE_FROZEN("28", "ReserveFrozen"),
    RESERVE_PAUSED("29", "ReservePaused"),
    BORROWING_NOT_ENABLED("30", "BorrowingNotEnabled"),
    NOT_ENOUGH_AVAILABLE_USER_BALANCE("32", "NotEnoughAvailableUserBalance"),
    INVALID_INTEREST_RATE_MODE_SELECTED("33", "InvalidInterestRateModeSelected"),
    COLLATERAL_BALANCE_IS_ZERO("34", null),
    HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD("35", "HealthFactorLowerThanLiquidationThreshold"),
    COLLATERAL_CANNOT_COVER_NEW_BORROW("36", "CollateralCannotCoverNewBorrow"),
    NO_DEBT_OF_SELECTED_TYPE("39", "NoDebtOfSelectedType"),
    NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF("40", "NoExplicitAmountToRepayOnBehalf"),
    UNDERLYING_BALANCE_ZERO("43", "UnderlyingBalanceZero"),
    HEALTH_FACTOR_NOT_BELOW_THRESHOLD("45", "HealthFactorNotBelowThreshold"),
    COLLATERAL_CANNOT_BE_LIQUIDATED("46", "CollateralCannotBeLiquidated"),
    SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER("47", "SpecifiedCurrencyNotBorrowedByUser"),
    BORROW_CAP_EXCEEDED("50", "BorrowCapExceeded"),
    SUPPLY_CAP_EXCEEDED("51", "SupplyCapExceeded"),
    DEBT_CEILING_EXCEEDED("53", null),
    LTV_VALIDATION_FAILED("57", "LtvValidationFailed"),
    INCONSISTENT_EMODE_CATEGORY("58", "InconsistentEModeCategory"),
    ASSET_NOT_BORROWABLE_IN_ISOLATION("60", null),
    USER_IN_ISOLATION_MODE_OR_LTV_ZERO("62", "UserHasAssetWithZeroLtv"),
    OPERATION_NOT_SUPPORTED("80", "OperationNotSupported"),
    SILOED_BORROWING_VIOLATION("89", null),
    WITHDRAW_TO_ATOKEN("93", "WithdrawToAToken"),
    SUPPLY_TO_ATOKEN("94", "SupplyToAToken"),
    LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED("97", "LiquidationGraceSentinelCheckFailed"),
    NOT_BORROWABLE_IN_EMODE("100", "NotBorrowableInEMode"),
    CALLER_NOT_UMBRELLA("101", "CallerNotUmbrella"),
    RESERVE_NOT_IN_DEFICIT("102", "ReserveNotInDeficit"),
    MUST_NOT_LEAVE_DUST("103", "MustNotLeaveDust"),
    USER_CANNOT_HAVE_DEBT("104", "UserCannotHaveDebt"),
    SELF_LIQUIDATION(null, "SelfLiquidation"),
    INVALID_COLLATERAL_IN_EMODE(null, "InvalidCollateralInEmode"),
    INVALID_DEBT_IN_EMODE(null, "InvalidDebtInEmode"),
    MUST_BE_EMODE_COLLATERAL(null, "MustBeEmodeCollateral");

    private final String code;
    private final String name;

    AaveError(String code, String name) {
        this.code = code;
        this.name = name;
    }

    /** {@return this error as {@code version} reverts with it} */
    EvmRevert in(AaveVersion version) {
        String spelled = version == AaveVersion.V3_3 ? code : name;
        if (spelled == null) {
            throw new IllegalStateException(this + " does not exist in " + version);
        }
        return version == AaveVersion.V3_3 ? new EvmRevert.ErrorString(code) : new EvmRevert.CustomError(name);
    }
}
