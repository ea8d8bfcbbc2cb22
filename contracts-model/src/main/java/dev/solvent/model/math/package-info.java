/** Exact integer arithmetic with Solidity 0.8 semantics: checked 256-bit words, mulDiv with explicit rounding, decimal scaling. */
package dev.solvent.model.math;
