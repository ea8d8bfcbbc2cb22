package dev.solvent.simulation.world;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;

/**
 * One trader agent as drawn from the scenario's distributions: what it trades, on which side, with what collateral,
 * how large and how leveraged. Its balances and positions live in the protocol state; this is only its profile.
 *
 * @param id its account
 * @param market the market it trades
 * @param isLong whether it goes long
 * @param isolated whether it uses an isolated position instead of cross margin
 * @param collateral the asset it deposits (the settlement asset or the market's underlying)
 * @param notional the position's notional at opening, settlement base units
 * @param leverage notional over collateral value at opening
 */
public record Trader(
        AccountId id,
        MarketId market,
        boolean isLong,
        boolean isolated,
        AssetId collateral,
        I256 notional,
        Wad leverage) {}
