/** Stateful campaigns: jqwik action chains over the model that check every invariant after every step. */
package dev.solvent.properties.campaign;
