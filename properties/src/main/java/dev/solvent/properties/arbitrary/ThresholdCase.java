package dev.solvent.properties.arbitrary;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;

/**
 * A state in which one account sits exactly on its maintenance threshold (margin equity equals the maintenance
 * requirement, so it is not liquidatable) or one settlement unit below it (so it is), for testing the boundary where
 * an off-by-one in a rounding or a comparison shows.
 *
 * {@snippet :
 * @Property
 * void theBoundaryIsExact(@ForAll("threshold") ThresholdCase c) {
 *     assertThat(Views.isLiquidatable(c.state(), c.account(), c.block()).get()).isEqualTo(c.oneUnitBelow());
 * }
 *
 * @Provide
 * Arbitrary<ThresholdCase> threshold() {
 *     return SolventArbitraries.atMaintenanceThreshold();
 * }
 * }
 *
 * @param state the protocol state: the account, its counterparty and nothing else, value conserved
 * @param account the account on (or just below) the threshold
 * @param market the market of its one cross position
 * @param block a block at the state's prices in which to judge it
 * @param oneUnitBelow whether its settlement balance is one unit short of the threshold
 */
public record ThresholdCase(
        ProtocolState state, AccountId account, MarketId market, BlockContext block, boolean oneUnitBelow) {}
