// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.0;

// Part of Solvent (Apache-2.0); not part of aave-v3-origin. Placed at
// scripts/solvent/DeploySolventTestnetMarket.s.sol inside an aave-v3-origin work tree by build.sh.
//
// Deploys the Aave v3 test market of aave-v3-origin's own test suite as broadcast transactions, so
// that it runs on a plain node: what tests/utils/TestnetProcedures.sol (deployAaveV3TestnetAssets)
// does under pranks, here under vm.startBroadcast():
//   1. WETH9, used as the wrapped native token;
//   2. AaveV3BatchOrchestration.deployAaveV3 with DefaultMarketInput (deployer = every role);
//   3. AaveV3TestListing (USDX 6, WBTC 8, WETH 18 decimals, GHO 18 without virtual accounting),
//      made pool admin and executed (it renounces the role at the end).
// Then two eMode categories, as the repository's tests/protocol/pool/Pool.EMode.sol sets them up
// (TestnetProcedures._genCategoryOne/_genCategoryTwo, not isolated; USDX collateral and WBTC
// borrowable in both), so that tests of eMode find them in the saved state.
//
// The config engine needs the Safe singleton CREATE2 factory at
// 0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7 on the node (build.sh sets its code first, the bytes
// TestnetProcedures etches). Writes every address and the configuration as read back from the
// chain to reports/solvent-deployment.json.

import {Script} from 'forge-std/Script.sol';
import '../../src/deployments/interfaces/IMarketReportTypes.sol';
import {DefaultMarketInput} from '../../src/deployments/inputs/DefaultMarketInput.sol';
import {AaveV3BatchOrchestration} from '../../src/deployments/projects/aave-v3-batched/AaveV3BatchOrchestration.sol';
import {AaveV3TestListing} from '../../tests/mocks/AaveV3TestListing.sol';
import {ACLManager} from '../../src/contracts/protocol/configuration/ACLManager.sol';
import {WETH9} from '../../src/contracts/dependencies/weth/WETH9.sol';
import {IAaveV3ConfigEngine} from '../../src/contracts/extensions/v3-config-engine/IAaveV3ConfigEngine.sol';
import {IPoolConfigurator} from '../../src/contracts/interfaces/IPoolConfigurator.sol';
import {IPool} from '../../src/contracts/interfaces/IPool.sol';
import {IPoolAddressesProvider} from '../../src/contracts/interfaces/IPoolAddressesProvider.sol';
import {IAaveOracle} from '../../src/contracts/interfaces/IAaveOracle.sol';
import {IAToken} from '../../src/contracts/interfaces/IAToken.sol';
import {IDefaultInterestRateStrategyV2} from '../../src/contracts/interfaces/IDefaultInterestRateStrategyV2.sol';
import {DataTypes} from '../../src/contracts/protocol/libraries/types/DataTypes.sol';
import {ReserveConfiguration} from '../../src/contracts/protocol/libraries/configuration/ReserveConfiguration.sol';
import {IERC20Metadata} from 'openzeppelin-contracts/contracts/token/ERC20/extensions/IERC20Metadata.sol';

contract DeploySolventTestnetMarket is Script, DefaultMarketInput {
  using ReserveConfiguration for DataTypes.ReserveConfigurationMap;

  string internal constant OUT = './reports/solvent-deployment.json';

  MarketReport internal r;
  AaveV3TestListing internal listing;
  address internal deployer;

  function run() external {
    vm.startBroadcast();
    (, deployer, ) = vm.readCallers();
    (
      Roles memory roles,
      MarketConfig memory config,
      DeployFlags memory flags,
      MarketReport memory deployedContracts
    ) = _getMarketInput(deployer);

    address weth = address(new WETH9());
    config.wrappedNativeToken = weth;

    r = AaveV3BatchOrchestration.deployAaveV3(deployer, roles, config, flags, deployedContracts);

    listing = new AaveV3TestListing(IAaveV3ConfigEngine(r.configEngine), roles.poolAdmin, weth, r);
    ACLManager(r.aclManager).addPoolAdmin(address(listing));
    listing.execute();

    IPoolConfigurator configurator = IPoolConfigurator(r.poolConfiguratorProxy);
    configurator.setEModeCategory(1, 95_00, 96_00, 101_00, 'GROUP_A', false);
    configurator.setEModeCategory(2, 96_00, 97_00, 101_50, 'GROUP_B', false);
    configurator.setAssetCollateralInEMode(listing.USDX_ADDRESS(), 1, true);
    configurator.setAssetCollateralInEMode(listing.USDX_ADDRESS(), 2, true);
    configurator.setAssetBorrowableInEMode(listing.WBTC_ADDRESS(), 1, true);
    configurator.setAssetBorrowableInEMode(listing.WBTC_ADDRESS(), 2, true);
    vm.stopBroadcast();

    _write();
  }

  function _write() internal {
    string memory k = 'deployment';
    vm.serializeUint(k, 'chainId', block.chainid);
    vm.serializeAddress(k, 'deployer', deployer);
    vm.serializeAddress(k, 'poolAdmin', deployer);
    vm.serializeAddress(k, 'poolAddressesProvider', r.poolAddressesProvider);
    vm.serializeAddress(k, 'pool', r.poolProxy);
    vm.serializeAddress(k, 'poolImplementation', r.poolImplementation);
    vm.serializeAddress(k, 'poolConfigurator', r.poolConfiguratorProxy);
    vm.serializeAddress(k, 'poolConfiguratorImplementation', r.poolConfiguratorImplementation);
    vm.serializeAddress(k, 'poolDataProvider', r.protocolDataProvider);
    vm.serializeAddress(k, 'aaveOracle', r.aaveOracle);
    vm.serializeAddress(k, 'aclManager', r.aclManager);
    vm.serializeAddress(k, 'treasury', r.treasury);
    vm.serializeAddress(k, 'rewardsController', r.rewardsControllerProxy);
    vm.serializeAddress(k, 'defaultInterestRateStrategy', r.defaultInterestRateStrategy);
    vm.serializeAddress(k, 'aTokenImplementation', r.aToken);
    vm.serializeAddress(k, 'variableDebtTokenImplementation', r.variableDebtToken);
    vm.serializeAddress(k, 'configEngine', r.configEngine);
    vm.serializeString(k, 'pool_', _poolJson());
    vm.serializeString(k, 'eModeCategories', _eModesJson());
    address[] memory assets = IPool(r.poolProxy).getReservesList();
    string memory reserves = 'reserves';
    string memory reservesJson;
    for (uint256 i = 0; i < assets.length; i++) {
      reservesJson = vm.serializeString(
        reserves,
        IERC20Metadata(assets[i]).symbol(),
        _reserveJson(assets[i])
      );
    }
    string memory json = vm.serializeString(k, 'reserves', reservesJson);
    vm.writeJson(json, OUT);
  }

  function _poolJson() internal returns (string memory) {
    IPool pool = IPool(r.poolProxy);
    string memory k = 'poolConstants';
    vm.serializeUint(k, 'FLASHLOAN_PREMIUM_TOTAL', pool.FLASHLOAN_PREMIUM_TOTAL());
    vm.serializeUint(k, 'FLASHLOAN_PREMIUM_TO_PROTOCOL', pool.FLASHLOAN_PREMIUM_TO_PROTOCOL());
    vm.serializeUint(k, 'MAX_NUMBER_RESERVES', pool.MAX_NUMBER_RESERVES());
    vm.serializeAddress(k, 'RESERVE_INTEREST_RATE_STRATEGY', pool.RESERVE_INTEREST_RATE_STRATEGY());
    vm.serializeUint(k, 'oracleBaseCurrencyUnit', IAaveOracle(r.aaveOracle).BASE_CURRENCY_UNIT());
    vm.serializeAddress(k, 'oracleBaseCurrency', IAaveOracle(r.aaveOracle).BASE_CURRENCY());
    vm.serializeAddress(
      k,
      'priceOracleSentinel',
      IPoolAddressesProvider(r.poolAddressesProvider).getPriceOracleSentinel()
    );
    return vm.serializeUint(k, 'reservesCount', pool.getReservesCount());
  }

  function _eModesJson() internal returns (string memory) {
    IPool pool = IPool(r.poolProxy);
    string memory all = 'eModes';
    string memory json = '{}';
    for (uint8 id = 1; id <= 2; id++) {
      string memory k = string.concat('eMode', vm.toString(id));
      DataTypes.CollateralConfig memory c = pool.getEModeCategoryCollateralConfig(id);
      vm.serializeUint(k, 'id', id);
      vm.serializeUint(k, 'ltv', c.ltv);
      vm.serializeUint(k, 'liquidationThreshold', c.liquidationThreshold);
      vm.serializeUint(k, 'liquidationBonus', c.liquidationBonus);
      vm.serializeString(k, 'label', pool.getEModeCategoryLabel(id));
      vm.serializeBool(k, 'isolated', pool.getIsEModeCategoryIsolated(id));
      vm.serializeUint(k, 'ltvzeroBitmap', pool.getEModeCategoryLtvzeroBitmap(id));
      vm.serializeUint(k, 'collateralBitmap', pool.getEModeCategoryCollateralBitmap(id));
      string memory one = vm.serializeUint(
        k,
        'borrowableBitmap',
        pool.getEModeCategoryBorrowableBitmap(id)
      );
      json = vm.serializeString(all, vm.toString(id), one);
    }
    return json;
  }

  function _reserveJson(address asset) internal returns (string memory) {
    string memory k = string.concat('reserve-', vm.toString(asset));
    IPool pool = IPool(r.poolProxy);
    DataTypes.ReserveDataLegacy memory d = pool.getReserveData(asset);
    vm.serializeAddress(k, 'underlying', asset);
    vm.serializeString(k, 'symbol', IERC20Metadata(asset).symbol());
    vm.serializeUint(k, 'id', d.id);
    vm.serializeAddress(k, 'aToken', d.aTokenAddress);
    vm.serializeAddress(k, 'variableDebtToken', d.variableDebtTokenAddress);
    vm.serializeAddress(k, 'interestRateStrategy', d.interestRateStrategyAddress);
    vm.serializeAddress(k, 'aTokenTreasury', IAToken(d.aTokenAddress).RESERVE_TREASURY_ADDRESS());
    vm.serializeAddress(k, 'priceFeed', IAaveOracle(r.aaveOracle).getSourceOfAsset(asset));
    vm.serializeUint(k, 'price', IAaveOracle(r.aaveOracle).getAssetPrice(asset));
    vm.serializeString(k, 'configurationBitmap', vm.toString(d.configuration.data));
    vm.serializeString(k, 'liquidityIndex', vm.toString(uint256(d.liquidityIndex)));
    vm.serializeString(k, 'variableBorrowIndex', vm.toString(uint256(d.variableBorrowIndex)));
    vm.serializeUint(k, 'lastUpdateTimestamp', d.lastUpdateTimestamp);
    vm.serializeString(k, 'configuration', _configurationJson(asset, d.configuration));
    return vm.serializeString(k, 'interestRate', _rateJson(asset, d.interestRateStrategyAddress));
  }

  function _configurationJson(
    address asset,
    DataTypes.ReserveConfigurationMap memory c
  ) internal returns (string memory) {
    string memory k = string.concat('configuration-', vm.toString(asset));
    _serializeParams(k, c);
    (bool active, bool frozen, bool borrowing, bool paused) = c.getFlags();
    vm.serializeBool(k, 'active', active);
    vm.serializeBool(k, 'frozen', frozen);
    vm.serializeBool(k, 'paused', paused);
    vm.serializeBool(k, 'borrowingEnabled', borrowing);
    vm.serializeBool(k, 'flashLoanEnabled', c.getFlashLoanEnabled());
    // v3.7 has no getter for it (ReserveConfiguration.VIRTUAL_ACC_ACTIVE_MASK, bit 252)
    return vm.serializeBool(k, 'virtualAccActive', (c.data >> 252) & 1 == 1);
  }

  function _serializeParams(string memory k, DataTypes.ReserveConfigurationMap memory c) internal {
    (uint256 ltv, uint256 lt, uint256 lb, uint256 decimals, uint256 rf) = c.getParams();
    vm.serializeUint(k, 'decimals', decimals);
    vm.serializeUint(k, 'ltv', ltv);
    vm.serializeUint(k, 'liquidationThreshold', lt);
    vm.serializeUint(k, 'liquidationBonus', lb);
    vm.serializeUint(k, 'reserveFactor', rf);
    vm.serializeBool(k, 'usageAsCollateralEnabled', lt != 0);
    _serializeCaps(k, c);
  }

  function _serializeCaps(string memory k, DataTypes.ReserveConfigurationMap memory c) internal {
    (uint256 borrowCap, uint256 supplyCap) = c.getCaps();
    vm.serializeUint(k, 'liquidationProtocolFee', c.getLiquidationProtocolFee());
    vm.serializeUint(k, 'supplyCap', supplyCap);
    vm.serializeUint(k, 'borrowCap', borrowCap);
  }

  function _rateJson(address asset, address strategy) internal returns (string memory) {
    string memory k = string.concat('rate-', vm.toString(asset));
    IDefaultInterestRateStrategyV2.InterestRateData memory bps = IDefaultInterestRateStrategyV2(
      strategy
    ).getInterestRateDataBps(asset);
    IDefaultInterestRateStrategyV2.InterestRateDataRay memory ray = IDefaultInterestRateStrategyV2(
      strategy
    ).getInterestRateData(asset);
    vm.serializeUint(k, 'optimalUsageRatioBps', bps.optimalUsageRatio);
    vm.serializeUint(k, 'baseVariableBorrowRateBps', bps.baseVariableBorrowRate);
    vm.serializeUint(k, 'variableRateSlope1Bps', bps.variableRateSlope1);
    vm.serializeUint(k, 'variableRateSlope2Bps', bps.variableRateSlope2);
    vm.serializeString(k, 'optimalUsageRatioRay', vm.toString(ray.optimalUsageRatio));
    vm.serializeString(k, 'baseVariableBorrowRateRay', vm.toString(ray.baseVariableBorrowRate));
    vm.serializeString(k, 'variableRateSlope1Ray', vm.toString(ray.variableRateSlope1));
    vm.serializeString(k, 'variableRateSlope2Ray', vm.toString(ray.variableRateSlope2));
    return
      vm.serializeUint(k, 'maxBorrowRateBps', IDefaultInterestRateStrategyV2(strategy).MAX_BORROW_RATE());
  }
}
