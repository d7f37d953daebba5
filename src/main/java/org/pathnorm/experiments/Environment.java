package org.pathnorm.experiments;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment as {@link SchedulerShard} reads it: injected, so that the tests can play a Slurm job
 * array or a Kubernetes Indexed Job without a scheduler.
 */
@FunctionalInterface
public interface Environment {
  /** The value of variable {@code name}, empty when it is unset. */
  Optional<String> get(String name);

  /** The real environment of this process ({@link System#getenv(String)}). */
  static Environment system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }

  /** An environment holding exactly {@code variables}. */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
