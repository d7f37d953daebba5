package org.pathnorm.train;

/** The training loss became NaN or infinite: training stops and the last good checkpoint is kept. */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String message) {
    super(message);
  }
}
