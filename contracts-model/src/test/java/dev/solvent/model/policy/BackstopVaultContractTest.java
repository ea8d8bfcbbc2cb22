package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;

/**
 * The liquidation contract for Hyperliquid's market-then-vault liquidation, with its testnet partial threshold of
 * 10k USDC so that the portfolio's positions exercise it; it defines itself by emptying the account into the vault
 * below 2/3 of the maintenance requirement (negative equity left as a shortfall), and otherwise closing a large position by exactly 20%.
 */
class BackstopVaultContractTest implements LiquidationPolicyContract {

    static final AccountId VAULT = AccountId.of("vault");

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.BackstopVault(
                VAULT, Wad.parse("0.666666666666666667"), U256.of(10_000_000_000L), Wad.parse("0.2"), 30);
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var account = before.account(id).get();
        var after = receipt.state().account(id).get();
        var backstopped = receipt.events()
                .filter(Event.AccountBackstopped.class::isInstance)
                .map(Event.AccountBackstopped.class::cast);
        if (!backstopped.isEmpty()) {
            assertThat(after.isEmpty()).isTrue();
            // the vault never takes negative equity: what is below zero is a shortfall for the fund and the policy
            var b = backstopped.single();
            assertThat(b.shortfall()).isEqualTo(b.equity().negate().max(dev.solvent.model.math.I256.ZERO));
            return;
        }
        var liquidated = receipt.events()
                .filter(Event.AccountLiquidated.class::isInstance)
                .map(Event.AccountLiquidated.class::cast)
                .single();
        for (Event.ClosedPosition c : liquidated.closed()) {
            var size = account.position(c.market()).get().size();
            assertThat(c.size()).isIn(size, MarginLogic.closeSize(size, Wad.parse("0.2")));
        }
    }
}
