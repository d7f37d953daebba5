package org.pathnorm.train;

/**
 * What one epoch measured: learning rate and momentum used, mean loss and 0-1 error on each set
 * (NaN where a set is absent), wall time and throughput. One row of {@code metrics.csv}.
 */
public record EpochStats(int epoch, long step, double learningRate, double momentum, double trainLoss,
    double trainError, double validationLoss, double validationError, double testLoss, double testError,
    double seconds, double samplesPerSecond) {

  static final String CSV_HEADER = "epoch,step,lr,momentum,train_loss,train_error,val_loss,val_error,"
      + "test_loss,test_error,seconds,samples_per_s";

  String csvRow() {
    return epoch + "," + step + "," + num(learningRate) + "," + num(momentum) + "," + num(trainLoss) + ","
        + num(trainError) + "," + num(validationLoss) + "," + num(validationError) + "," + num(testLoss) + ","
        + num(testError) + "," + num(seconds) + "," + num(samplesPerSecond);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
