package dev.solvent.mirror.comet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import io.vavr.control.Either;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the mirror's API is either the contract's own revert or an error naming the argument or field, never
 * an exception from deep inside the arithmetic.
 */
class CometBadInputTest {

    private static final Address ALICE = CometFixture.USERS.get(0);

    @Test
    void aNegativeAmountIsRefusedNamingTheArgument() {
        Address usdc = Address.ofNumber(1);
        assertThatThrownBy(() -> new CometCall.Supply(ALICE, usdc, BigInteger.valueOf(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount is a uint256 (0 to 2^256-1), not -5");
        assertThatThrownBy(
                        () -> new CometCall.BuyCollateral(ALICE, usdc, BigInteger.ONE, BigInteger.TWO.pow(256), ALICE))
                .hasMessageStartingWith("baseAmount is a uint256");
        assertThatThrownBy(() -> new CometCall.Withdraw(ALICE, null, BigInteger.ONE))
                .hasMessage("asset is an address and is required");
    }

    @Test
    void aConfigurationFieldOutsideItsSolidityWidthIsNamed() {
        assertThatThrownBy(() -> new CometConfiguration.AssetConfig(
                        Address.ofNumber(1),
                        Address.ofNumber(2),
                        18,
                        BigInteger.ONE,
                        BigInteger.TWO,
                        BigInteger.TWO.pow(64),
                        BigInteger.TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Comet configuration: liquidationFactor is a uint64 (0 to 2^64-1), not 18446744073709551616");
    }

    @Test
    void aCollateralNamingAnAssetTheMarketDoesNotListIsBadAsset() {
        CometFixture market = CometFixture.options().deploy();
        // withdrawCollateral books the (zero) amount, then getAssetInfoByAddress finds no such asset
        assertThat(market.reverts(new CometCall.Withdraw(ALICE, Address.ofNumber(0xdead), BigInteger.ZERO)))
                .isEqualTo(new EvmRevert.CustomError("BadAsset"));
        assertThat(Comet.view(s -> CometViews.getAssetInfoByAddress(s, Address.ofNumber(0xdead)), market.state())
                        .getLeft())
                .isEqualTo(new EvmRevert.CustomError("BadAsset"));
        // an address with no code at all: the token call finds no return data, an empty revert as on chain
        assertThat(market.reverts(new CometCall.Supply(ALICE, Address.ofNumber(0xdead), BigInteger.ONE)))
                .isEqualTo(new EvmRevert.Empty());
    }

    @Test
    void aConfigurationCometsConstructorRejectsIsItsRevert() {
        Either<EvmRevert, CometFixture> tooManyAssets = CometFixture.options()
                .assets(java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(CometFixture.AssetSpec.of("USDC", 6, "1")),
                                java.util.stream.IntStream.range(0, 16)
                                        .mapToObj(i -> CometFixture.AssetSpec.of("T" + i, 18, "1")))
                        .toArray(CometFixture.AssetSpec[]::new))
                .tryDeploy();
        assertThat(tooManyAssets.getLeft()).isEqualTo(new EvmRevert.CustomError("TooManyAssets"));
    }
}
