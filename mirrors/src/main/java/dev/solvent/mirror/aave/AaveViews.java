package dev.solvent.mirror.aave;

import dev.solvent.mirror.aave.AaveState.Reserve;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.RevertException;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.List;

/**
 * The market's view functions, answered from a state at a block as an {@code eth_call} would answer them: the Pool's
 * ({@code getUserAccountData}, {@code getReserveData}, the normalized indexes, configurations, eMode, deficits,
 * virtual balances), the oracle's {@code getAssetPrice}, and the tokens' ({@code balanceOf}, {@code totalSupply},
 * scaled balances, the last index seen, allowances). Typed methods for code, and {@link #call} by target and
 * signature for the differential harness and tools that read views generically.
 */
public final class AaveViews {

    private AaveViews() {}

    /** What {@code Pool.getUserAccountData(user)} returns: base currency amounts (8 decimals), bps, wad. */
    public record UserAccountData(
            BigInteger totalCollateralBase,
            BigInteger totalDebtBase,
            BigInteger availableBorrowsBase,
            BigInteger currentLiquidationThreshold,
            BigInteger ltv,
            BigInteger healthFactor) {}

    /** {@return {@code Pool.getUserAccountData(user)}, or the oracle's revert} */
    public static Either<EvmRevert, UserAccountData> userAccountData(AaveState state, AaveBlock block, Address user) {
        try {
            AaveMachine m = new AaveMachine(state, block);
            AaveMachine.AccountData d = m.calculateUserAccountData(user, state.userEModeOf(user));
            return Either.right(new UserAccountData(
                    d.totalCollateral(),
                    d.totalDebt(),
                    m.availableBorrows(d.totalCollateral(), d.totalDebt(), d.avgLtv()),
                    d.avgLiquidationThreshold(),
                    d.avgLtv(),
                    d.healthFactor()));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }

    /**
     * {@return the view's outputs ({@link BigInteger}, {@link Address}, {@link Boolean}, flattened as the ABI
     * encodes a static struct), or its revert} {@code target} is the contract called: the Pool, the oracle, an
     * underlying token, an aToken or a variable debt token of the state. A view the mirror does not answer returns
     * {@link EvmRevert.NotMirrored}.
     */
    public static Either<EvmRevert, List<Object>> call(
            AaveState state, AaveBlock block, Address target, String signature, List<Object> args) {
        try {
            return Either.right(answer(state, block, target, signature, args));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }

    private static List<Object> answer(
            AaveState s, AaveBlock block, Address target, String signature, List<Object> args) {
        AaveMachine m = new AaveMachine(s, block);
        if (target.equals(s.pool())) {
            return pool(s, block, m, signature, args);
        }
        if (target.equals(s.oracle()) && signature.equals("getAssetPrice(address)")) {
            return List.of(m.price(address(args, 0)));
        }
        for (Reserve r : s.reserves()) {
            int i = r.id();
            if (target.equals(r.aToken())) {
                return switch (signature) {
                    case "balanceOf(address)" -> List.of(m.aTokenBalance(i, address(args, 0)));
                    case "scaledBalanceOf(address)" -> List.of(r.aTokenLedger().scaledOf(address(args, 0)));
                    case "totalSupply()" -> List.of(m.aTokenTotalSupply(i));
                    case "scaledTotalSupply()" -> List.of(r.aTokenLedger().scaledTotalSupply());
                    case "getPreviousIndex(address)" -> List.of(r.aTokenLedger().previousIndexOf(address(args, 0)));
                    default -> throw notMirrored(target, signature);
                };
            }
            if (target.equals(r.variableDebtToken())) {
                return switch (signature) {
                    case "balanceOf(address)" -> List.of(m.debtBalance(i, address(args, 0)));
                    case "scaledBalanceOf(address)" -> List.of(r.debtLedger().scaledOf(address(args, 0)));
                    case "totalSupply()" -> List.of(m.debtTotalSupply(i));
                    case "scaledTotalSupply()" -> List.of(r.debtLedger().scaledTotalSupply());
                    case "getPreviousIndex(address)" -> List.of(r.debtLedger().previousIndexOf(address(args, 0)));
                    case "borrowAllowance(address,address)" ->
                        List.of(r.debtLedger().allowance(address(args, 0), address(args, 1)));
                    default -> throw notMirrored(target, signature);
                };
            }
        }
        Erc20 token = s.tokens().get(target).getOrNull();
        if (token != null) {
            return switch (signature) {
                case "balanceOf(address)" -> List.of(token.balanceOf(address(args, 0)));
                case "totalSupply()" -> List.of(token.totalSupply());
                case "allowance(address,address)" -> List.of(token.allowance(address(args, 0), address(args, 1)));
                case "decimals()" -> List.of(BigInteger.valueOf(token.decimals()));
                default -> throw notMirrored(target, signature);
            };
        }
        throw notMirrored(target, signature);
    }

    private static List<Object> pool(AaveState s, AaveBlock block, AaveMachine m, String signature, List<Object> args) {
        if (signature.equals("getUserAccountData(address)")) {
            UserAccountData d = userAccountData(s, block, address(args, 0)).getOrElseThrow(EvmRevert::raise);
            return List.of(
                    d.totalCollateralBase(),
                    d.totalDebtBase(),
                    d.availableBorrowsBase(),
                    d.currentLiquidationThreshold(),
                    d.ltv(),
                    d.healthFactor());
        }
        if (signature.equals("getUserConfiguration(address)")) {
            return List.of(s.userConfigOf(address(args, 0)));
        }
        if (signature.equals("getUserEMode(address)")) {
            return List.of(BigInteger.valueOf(s.userEModeOf(address(args, 0))));
        }
        if (signature.equals("getReservesCount()")) {
            return List.of(BigInteger.valueOf(s.reserves().size()));
        }
        Address asset = address(args, 0);
        Reserve r = s.reserve(asset).getOrNull();
        BigInteger zero = BigInteger.ZERO;
        return switch (signature) {
            case "getReserveData(address)" -> r == null ? emptyReserveData() : reserveData(s, r);
            case "getReserveNormalizedIncome(address)" -> List.of(r == null ? zero : m.normalizedIncome(r.id()));
            case "getReserveNormalizedVariableDebt(address)" -> List.of(r == null ? zero : m.normalizedDebt(r.id()));
            case "getReserveDeficit(address)" -> List.of(r == null ? zero : r.deficit());
            case "getVirtualUnderlyingBalance(address)" -> List.of(r == null ? zero : r.virtualUnderlyingBalance());
            case "getConfiguration(address)" -> List.of(r == null ? zero : r.configuration());
            case "getLiquidationGracePeriod(address)" ->
                List.of(r == null ? zero : BigInteger.valueOf(r.liquidationGracePeriodUntil()));
            default -> throw notMirrored(s.pool(), signature);
        };
    }

    /**
     * {@code getReserveData}'s {@code ReserveDataLegacy}: v3.3 reports the reserve's unbacked and isolation debt;
     * v3.7 always 0 for both and the Pool-wide strategy; the deprecated stable fields are 0 in both.
     */
    private static List<Object> reserveData(AaveState s, Reserve r) {
        boolean v33 = s.version() == AaveVersion.V3_3;
        return List.of(
                r.configuration(),
                r.liquidityIndex(),
                r.currentLiquidityRate(),
                r.variableBorrowIndex(),
                r.currentVariableBorrowRate(),
                BigInteger.ZERO,
                BigInteger.valueOf(r.lastUpdateTimestamp()),
                BigInteger.valueOf(r.id()),
                r.aToken(),
                Address.ZERO,
                r.variableDebtToken(),
                r.interestRateStrategy(),
                r.accruedToTreasury(),
                v33 ? r.unbacked() : BigInteger.ZERO,
                v33 ? r.isolationModeTotalDebt() : BigInteger.ZERO);
    }

    private static List<Object> emptyReserveData() {
        BigInteger z = BigInteger.ZERO;
        return List.of(z, z, z, z, z, z, z, z, Address.ZERO, Address.ZERO, Address.ZERO, Address.ZERO, z, z, z);
    }

    private static Address address(List<Object> args, int i) {
        if (args.size() <= i || !(args.get(i) instanceof Address a)) {
            throw new IllegalArgumentException("argument " + i + " must be an address, in " + args);
        }
        return a;
    }

    private static RuntimeException notMirrored(Address target, String signature) {
        return new EvmRevert.NotMirrored("view " + signature + " on " + target).raise();
    }
}
