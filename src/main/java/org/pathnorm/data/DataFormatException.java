package org.pathnorm.data;

/**
 * A dataset file that PathNorm was asked to read (IDX, CIFAR binary, SVHN {@code .mat}, CSV) is
 * malformed or missing. The message names the file, the field and what was expected against what was
 * found; the CLI prints it as one line.
 *
 * <p>Model and checkpoint files report the same kind of mistake with
 * {@code org.pathnorm.io.DataFormatException}; {@code data} has its own type so that it does not
 * depend on {@code io}.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line: the file, the field, the expected and the found value */
  public DataFormatException(String message) {
    super(message);
  }
}
