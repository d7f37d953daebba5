package org.pathnorm.experiments;

import org.pathnorm.io.JsonWriter;

/** What a cell trains: a feedforward run ({@link RunSpec}) or a recurrent one ({@link RecurrentRunSpec}). */
sealed interface CellSpec permits RunSpec, RecurrentRunSpec {
  /** The settings, into the {@code settings} object of result.json. */
  void write(JsonWriter w);
}
