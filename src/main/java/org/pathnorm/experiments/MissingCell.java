package org.pathnorm.experiments;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A cell of a reproduction that no directory holds a result for: its experiment and id, its global index, the shard
 * that owns it (when the directories record one shard count), the directory of that shard (when one was given), and
 * whether it {@code started} (its cell directory exists without {@code result.json}: the task failed or was killed
 * while training it) or never did.
 */
public record MissingCell(String experiment, String cell, int index, Optional<Shard> shard, Optional<Path> dir, boolean started) {

  /** One line: {@code hidden-units/h64-s1: failed (started, no result.json) in shard 2/4 (runs/x/shard-1)}. */
  public String describe() {
    String state = started ? "failed (started, no result.json)" : "not started";
    String where = shard.map(s -> " in shard " + s + dir.map(d -> " (" + d + ")").orElse(" (no directory given holds it)")).orElse("");
    return experiment + "/" + cell + ": " + state + where;
  }
}
