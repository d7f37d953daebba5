package org.pathnorm.nn;

import java.util.Arrays;

/**
 * One named tensor of a model: {@code size()} consecutive floats of a flat array starting at
 * {@code offset}, row-major with the given shape, named as PyTorch's {@code state_dict} names it
 * (e.g. {@code 0.weight} [out, in], {@code rnn.weight_hh_l0} [H, H]).
 *
 * @param name   the PyTorch name (a layer's own tensors carry the short name, e.g. {@code weight};
 *               {@link Model#tensors()} prefixes them with the module path)
 * @param offset first element, relative to the layer's slice for a layer's tensor, absolute for a model's
 * @param shape  the dimensions, outermost first
 */
public record ParameterTensor(String name, int offset, int[] shape) {

  public ParameterTensor {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 1) throw new IllegalArgumentException("tensor " + name + ": dimensions must be >= 1, got " + Arrays.toString(shape));
      n *= d;
    }
    if (offset < 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor " + name + ": offset " + offset + ", shape " + Arrays.toString(shape));
    }
  }

  /** Number of elements, the product of the shape. */
  public int size() {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  /** The shape (a copy). */
  @Override public int[] shape() {
    return shape.clone();
  }

  /** This tensor under another name prefix and moved by {@code by} elements. */
  public ParameterTensor under(String prefix, int by) {
    return new ParameterTensor(prefix.isEmpty() ? name : prefix + "." + name, offset + by, shape);
  }

  @Override public boolean equals(Object o) {
    return o instanceof ParameterTensor t && name.equals(t.name) && offset == t.offset && Arrays.equals(shape, t.shape);
  }

  @Override public int hashCode() {
    return (name.hashCode() * 31 + offset) * 31 + Arrays.hashCode(shape);
  }

  @Override public String toString() {
    return name + Arrays.toString(shape) + "@" + offset;
  }
}
