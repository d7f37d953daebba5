package org.pathnorm.experiments;

/** What every experiment of one reproduction shares: scale, dataset spec (null: the scale's default) and seeds. */
public record Settings(Scale scale, String dataOverride, int seeds) {
  public Settings {
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
  }

  public String data() {
    return dataOverride != null ? dataOverride : scale.defaultData();
  }

  /** Held-out validation samples: the thesis' 10,000 at small/paper scale; 300 of the digits' 1,437 at smoke. */
  public int validation() {
    return scale.pick(300, 10_000, 10_000);
  }
}
