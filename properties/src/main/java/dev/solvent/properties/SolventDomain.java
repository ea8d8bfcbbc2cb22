package dev.solvent.properties;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.PricePath;
import dev.solvent.properties.arbitrary.RiskParameters;
import dev.solvent.properties.arbitrary.Standard;
import dev.solvent.properties.campaign.Campaign;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * The jqwik domain of margin-protocol values: with {@code @Domain(SolventDomain.class)} a property takes {@code
 * @ForAll ProtocolState}, {@code ProtocolConfig}, {@code RiskParameters}, {@code AssetConfig}, {@code CampaignSetup},
 * {@code Account}, {@code PricePath} or {@code Campaign.Run} (a setup and a chain of the standard campaign) without writing
 * a provider.
 *
 * {@snippet :
 * @Property
 * @Domain(SolventDomain.class)
 * void conservationHoldsInEveryReachableState(@ForAll ProtocolState state) {
 *     assertThat(Invariants.CONSERVATION.check(state)).isEmpty();
 * }
 * }
 */
public class SolventDomain extends DomainContextBase {

    /** Creates the domain; jqwik does, for {@code @Domain}. */
    public SolventDomain() {}

    @Provide
    Arbitrary<ProtocolState> states() {
        return SolventArbitraries.states();
    }

    @Provide
    Arbitrary<ProtocolConfig> configs() {
        return SolventArbitraries.configs();
    }

    @Provide
    Arbitrary<RiskParameters> riskParameters() {
        return SolventArbitraries.riskParameters();
    }

    @Provide
    Arbitrary<AssetConfig> assets() {
        return SolventArbitraries.assets();
    }

    @Provide
    Arbitrary<CampaignSetup> setups() {
        return SolventArbitraries.setups();
    }

    @Provide
    Arbitrary<Account> accounts() {
        return SolventArbitraries.accounts();
    }

    @Provide
    Arbitrary<PricePath> pricePaths() {
        return SolventArbitraries.pricePaths(Standard.ETH_USD, Standard.BTC_USD);
    }

    @Provide
    Arbitrary<Campaign.Run> runs() {
        return Campaign.standard().runs();
    }
}
