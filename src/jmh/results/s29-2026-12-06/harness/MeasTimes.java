import org.pathnorm.data.*; import org.pathnorm.nn.*; import org.pathnorm.io.*; import org.pathnorm.measures.*;
import java.nio.file.*;
public class MeasTimes {
  public static void main(String[] a) throws Exception {
    DatasetSpec.Splits s = DatasetSpec.load("fashion-mnist", 0);
    Network net = NetworkFiles.load(Path.of("/tmp/pr/model.safetensors"));
    Network init = NetworkFiles.load(Path.of("/tmp/pr/init.safetensors"));
    int threads = Integer.parseInt(a[0]); int reps = Integer.parseInt(a[1]);
    Path out = Files.createTempDirectory("meas");
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      RunMeasures.write(out, net, init, s.train(), threads);
      System.out.printf("measures %d threads: %.1f ms%n", threads, (System.nanoTime() - t0) / 1e6);
    }
  }
}
