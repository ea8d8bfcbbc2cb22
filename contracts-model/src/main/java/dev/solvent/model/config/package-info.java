/** Protocol configuration: assets, perpetual markets, policies and gas, each validated when built. */
package dev.solvent.model.config;
