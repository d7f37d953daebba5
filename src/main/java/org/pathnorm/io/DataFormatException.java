package org.pathnorm.io;

/**
 * A file that PathNorm was asked to read is malformed. The message names the file, the field and what
 * was expected against what was found; the CLI prints it as one line.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }
}
