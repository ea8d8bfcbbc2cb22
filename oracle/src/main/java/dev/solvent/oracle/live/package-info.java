/** Live reads of Chainlink price feeds over JSON-RPC, checked as a careful consumer contract would check them. */
package dev.solvent.oracle.live;
