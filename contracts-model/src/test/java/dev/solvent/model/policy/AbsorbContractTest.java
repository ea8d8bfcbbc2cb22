package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Receipt;
import io.vavr.collection.TreeMap;

/**
 * The liquidation contract for Compound III's absorption (liquidation factor 0.93, storefront factor 0.5); it defines
 * itself by leaving the account with no position, no collateral but the settlement asset, and no debt, the protocol
 * holding the collateral.
 */
class AbsorbContractTest implements LiquidationPolicyContract {

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.Absorb(
                TreeMap.empty(), Wad.parse("0.93"), Wad.parse("0.5"), U256.of(5_000_000_000_000L));
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var after = receipt.state().account(id).get();
        var settlement = before.config().settlementAsset();
        assertThat(after.positions()).isEmpty();
        assertThat(after.balances().keySet().filter(a -> !a.equals(settlement))).isEmpty();
        assertThat(after.balance(settlement).isNegative()).isFalse();
        for (var entry : before.account(id).get().balances()) {
            if (!entry._1.equals(settlement)) {
                assertThat(receipt.state().collateralReserve(entry._1).minus(before.collateralReserve(entry._1)))
                        .isEqualTo(entry._2);
            }
        }
        assertThat(receipt.state().reserves()).isNotNull().isNotEqualTo(I256.MIN);
    }
}
