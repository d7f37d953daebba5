package org.pathnorm.experiments;

import org.pathnorm.io.JsonWriter;

/** What a cell trains: a feedforward run ({@link RunSpec}), a recurrent one ({@link RecurrentRunSpec}) or a convolutional one ({@link ConvRunSpec}). */
sealed interface CellSpec permits RunSpec, RecurrentRunSpec, ConvRunSpec {
  /** The settings, into the {@code settings} object of result.json. */
  void write(JsonWriter w);
}
