package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The mirror's state of the market an {@link AaveChain} loaded, built from its {@code deployment.json} alone (every
 * address, each reserve's configuration word, rate parameters and initial indexes, the eMode categories) and the
 * block answers the market's price feeds start with. The campaign checks every view of it against the chain before
 * the first step, so a field read wrongly here fails at once.
 */
final class AaveFixture {

    private AaveFixture() {}

    /** {@return the mirror's version for the chain's} */
    static AaveVersion version(AaveChain.Version version) {
        return switch (version) {
            case V3_3 -> AaveVersion.V3_3;
            case V3_7 -> AaveVersion.V3_7;
        };
    }

    /** {@return the loaded market as the mirror's state, with no users and no balances} */
    static AaveState state(AaveChain chain) {
        JsonNode d = chain.deployment();
        AaveVersion v = version(chain.version());
        Address owner = Address.of(d.path("roles").path("erc20Owner").asString());
        // v3.7 has one Pool-wide strategy (getReserveData reports it); v3.3 one per reserve
        JsonNode poolWide = d.path("pool").path("RESERVE_INTEREST_RATE_STRATEGY");
        List<AaveState.Reserve> reserves = new ArrayList<>();
        List<Erc20> tokens = new ArrayList<>();
        for (AaveChain.Reserve r : chain.reserves().values()) {
            JsonNode e = r.entry();
            JsonNode rate = e.path("interestRate");
            Address strategy = v == AaveVersion.V3_7 && poolWide.isString()
                    ? Address.of(poolWide.asString())
                    : r.interestRateStrategy();
            AaveState.Reserve listed = AaveState.Reserve.listed(
                    r.id(),
                    r.underlying(),
                    r.aToken(),
                    r.variableDebtToken(),
                    strategy,
                    Address.of(e.path("treasury").asString()),
                    new BigInteger(e.path("configurationBitmap").asString()),
                    new AaveState.InterestRateData(
                            rate.path("optimalUsageRatioBps").asInt(),
                            rate.path("baseVariableBorrowRateBps").asInt(),
                            rate.path("variableRateSlope1Bps").asInt(),
                            rate.path("variableRateSlope2Bps").asInt()),
                    e.path("lastUpdateTimestamp").asLong());
            if (!new BigInteger(e.path("liquidityIndex").asString()).equals(AaveMath.RAY)
                    || !new BigInteger(e.path("variableBorrowIndex").asString()).equals(AaveMath.RAY)) {
                throw new IllegalStateException("reserve " + r.symbol() + " does not start at indexes of one ray");
            }
            reserves.add(listed);
            Erc20.Kind kind = r.wrappedNative()
                    ? Erc20.Kind.WETH9
                    : v == AaveVersion.V3_3 ? Erc20.Kind.TESTNET_OZ3 : Erc20.Kind.TESTNET_OZ5;
            tokens.add(Erc20.create(r.underlying(), kind, owner, r.decimals()));
        }
        reserves.sort(java.util.Comparator.comparingInt(AaveState.Reserve::id));
        List<AaveState.EModeCategory> categories = new ArrayList<>();
        for (JsonNode c : d.path("eModeCategories")) {
            categories.add(new AaveState.EModeCategory(
                    c.path("id").asInt(),
                    c.path("ltv").asInt(),
                    c.path("liquidationThreshold").asInt(),
                    c.path("liquidationBonus").asInt(),
                    BigInteger.valueOf(c.path("collateralBitmap").asLong()),
                    BigInteger.valueOf(c.path("borrowableBitmap").asLong()),
                    BigInteger.valueOf(c.path("ltvzeroBitmap").asLong(0)),
                    c.path("isolated").asBoolean(false)));
        }
        return AaveState.create(v, chain.pool(), chain.aaveOracle(), reserves, categories, tokens);
    }

    /** {@return each reserve's starting price answer, by underlying asset} */
    static Map<Address, BigInteger> answers(AaveChain chain) {
        Map<Address, BigInteger> answers = new LinkedHashMap<>();
        for (AaveChain.Reserve r : chain.reserves().values()) {
            answers.put(
                    r.underlying(),
                    BigInteger.valueOf(r.entry().path("initialPrice").asLong()));
        }
        return answers;
    }
}
