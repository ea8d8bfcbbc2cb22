/**
 * The sweep on Apache Spark, for grids past one machine: the same runs and results table as the local sweep, plus
 * every run's summary as Parquet.
 */
package dev.solvent.sweepspark;
