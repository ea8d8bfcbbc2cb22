package dev.solvent.model.view;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.LiquidationLogicTestAccess;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void findsTheEthPriceAtWhichAlicesMarginMeetsHerMaintenance() {
        // at ETH 2,100 margin equity 11,860 and MMR 2,265: a gap of 9,595
        // per dollar of ETH: +5 (the long) + 2 * 0.8 (the WETH collateral) - 5 * 5% (its MMR) = 6.35
        // p* = 2,100 - 9,595 / 6.35 = 2,100 * 3,740 / 13,335 = 588.976377952... -> 58,897,637,796 (rounded up)
        ProtocolState s = LiquidationLogicTestAccess.portfolio(new ShortfallPolicy.InsuranceThenSocialize());
        BlockContext b = Fixtures.block(KEEPER, T0, 2_100, 42_000, 90);
        assertThat(Views.liquidationPrice(s, ALICE, ETH_PERP, b).get())
                .isEqualTo(Option.some(I256.of(58_897_637_796L)));
        assertThat(Views.isLiquidatable(s, ALICE, at(b, 58_897_637_000L)).get()).isTrue();
        assertThat(Views.isLiquidatable(s, ALICE, at(b, 58_897_638_000L)).get()).isFalse();
    }

    @Test
    void answersWithARevertForUnknownAccountsAndMissingPrices() {
        ProtocolState s = LiquidationLogicTestAccess.portfolio(new ShortfallPolicy.InsuranceThenSocialize());
        BlockContext b = Fixtures.block(KEEPER, T0, 2_100, 42_000, 90);
        assertThat(Views.equity(s, AccountId.of("nobody"), b).getLeft())
                .isEqualTo(new Revert.UnknownAccount(AccountId.of("nobody")));
        BlockContext noSol = new BlockContext(1, T0, KEEPER, b.prices().remove("SOL/USD"));
        assertThat(Views.health(s, ALICE, noSol).getLeft()).isEqualTo(new Revert.MissingPrice("SOL/USD"));
    }

    static BlockContext at(BlockContext b, long ethPrice) {
        return new BlockContext(
                b.number(),
                b.timestamp(),
                b.sender(),
                b.prices().put("ETH/USD", new OracleAnswer(I256.of(ethPrice), 8, T0)));
    }
}
