import java.nio.file.*;
import org.pathnorm.data.*;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.measures.*;
import org.pathnorm.nn.*;
public class MeasT {
  public static void main(String[] a) throws Exception {
    DatasetSpec.Splits data = DatasetSpec.load("fashion-mnist", 0);
    Network net = NetworkFiles.load(Path.of(a[0], "model.safetensors"));
    Network init = NetworkFiles.load(Path.of(a[0], "init.safetensors"));
    Path out = Files.createTempDirectory("m");
    for (int i = 0; i < 4; i++) {
      long t = System.nanoTime();
      RunMeasures.write(out, net, init, data.train(), Integer.parseInt(a[1]));
      System.out.printf("measures %.3f s%n", (System.nanoTime() - t) / 1e9);
    }
  }
}
