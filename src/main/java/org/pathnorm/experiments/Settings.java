package org.pathnorm.experiments;

import org.pathnorm.data.DataTransforms;

/** What every experiment of one reproduction shares: scale, dataset spec (null: the scale's default) and seeds. */
public record Settings(Scale scale, String dataOverride, int seeds) {
  public Settings {
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
  }

  public String data() {
    return dataOverride != null ? dataOverride : scale.defaultData();
  }

  /** The data transforms of an experiment: the validation split and, at small/paper scale, {@code pixels}×{@code pixels} grayscale images (0: keep). */
  public DataTransforms transforms(int pixels) {
    int side = scale == Scale.SMOKE ? 0 : pixels;
    return DataTransforms.builder().validation(validation()).grayscale(side > 0).resize(side, side).build();
  }

  /** Held-out validation samples: the thesis' 10,000 at small/paper scale; 300 of the digits' 1,437 at smoke. */
  public int validation() {
    return scale.pick(300, 10_000, 10_000);
  }
}
