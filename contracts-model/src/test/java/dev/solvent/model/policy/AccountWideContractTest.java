package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Receipt;

/** The liquidation contract for the account-wide close; it defines itself by leaving no cross position. */
class AccountWideContractTest implements LiquidationPolicyContract {

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.AccountWide();
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var after = receipt.state().account(id).get();
        assertThat(after.positions()).isEmpty();
        assertThat(after.balances()
                        .keySet()
                        .filter(a -> !a.equals(before.config().settlementAsset())))
                .isEmpty();
    }
}
