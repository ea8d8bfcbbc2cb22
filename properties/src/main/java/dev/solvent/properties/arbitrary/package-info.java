/** jqwik arbitraries for risk parameters, configurations, accounts, price paths, transactions and reachable states. */
package dev.solvent.properties.arbitrary;
