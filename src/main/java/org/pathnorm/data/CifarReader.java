package org.pathnorm.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reader of the CIFAR-10 and CIFAR-100 binary versions. A file is a sequence of records: the label
 * byte(s) then 3072 pixel bytes, 1024 red, 1024 green, 1024 blue, each 32×32 row by row — the
 * channel-major {@link ImageShape} 3×32×32. CIFAR-10 records have one label byte (0–9); CIFAR-100
 * records two, coarse (0–19) then fine (0–99). Pixels become v/255 ∈ [0, 1].
 */
public final class CifarReader {
  public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

  /** The label of a record. */
  public enum Labels {
    /** CIFAR-10: one label byte, 10 classes. */
    CIFAR10(1, 0, 10),
    /** CIFAR-100, the 20 coarse superclasses (first label byte). */
    COARSE(2, 0, 20),
    /** CIFAR-100, the 100 fine classes (second label byte; the default). */
    FINE(2, 1, 100);

    final int labelBytes;
    final int which;
    final int classes;

    Labels(int labelBytes, int which, int classes) {
      this.labelBytes = labelBytes;
      this.which = which;
      this.classes = classes;
    }

    int recordBytes() {
      return labelBytes + SHAPE.size();
    }
  }

  private CifarReader() {}

  /** Reads the files one after the other into one dataset, in file and record order. */
  public static Dataset read(String name, List<Path> files, Labels labels) {
    int record = labels.recordBytes();
    long total = 0;
    DataFiles.Opened[] opened = new DataFiles.Opened[files.size()];
    int[] counts = new int[files.size()];
    try {
      for (int i = 0; i < files.size(); i++) {
        opened[i] = DataFiles.open(files.get(i));
        long bytes = opened[i].maxBytes();
        // raw files must be whole records; gzip files are checked when read (ISIZE is only a bound)
        if (!opened[i].gzip() && bytes % record != 0) {
          throw new DataFormatException(files.get(i) + ": size: expected a multiple of the " + record
              + "-byte record (" + labels.labelBytes + " label byte(s) + 3072 pixels), found " + bytes + " bytes");
        }
        // a gzip file's last partial record (ISIZE not a multiple) is read and reported as truncated
        counts[i] = (int) Math.min(Integer.MAX_VALUE, (bytes + record - 1) / record);
        total += counts[i];
      }
      if (total * SHAPE.size() > IdxReader.MAX_ARRAY) {
        throw new DataFormatException(files.get(0) + ": " + total + " records exceed the largest array");
      }
      byte[] px = new byte[(int) total * SHAPE.size()];
      int[] y = new int[(int) total];
      int n = 0;
      for (int i = 0; i < files.size(); i++) n = readRecords(files.get(i), opened[i], labels, px, y, n, counts[i]);
      if (n < total) {
        px = Arrays.copyOf(px, n * SHAPE.size());
        y = Arrays.copyOf(y, n);
      }
      return Dataset.ofUnitBytes(name, px, y, SHAPE.size(), labels.classes, SHAPE);
    } finally {
      for (DataFiles.Opened o : opened) if (o != null) DataFiles.close(o.in());
    }
  }

  /** Reads up to {@code max} records of one file at sample {@code n}; returns the new sample count. */
  private static int readRecords(Path file, DataFiles.Opened f, Labels labels, byte[] px, int[] y, int n, int max) {
    int record = labels.recordBytes();
    int perChunk = Math.max(1, DataFiles.BUFFER / record);
    byte[] buf = new byte[perChunk * record];
    InputStream in = f.in();
    int read = 0;
    while (read < max) {
      int want = Math.min(perChunk, max - read) * record;
      int got = DataFiles.readUpTo(in, buf, 0, want, file);
      if (got % record != 0) {
        throw new DataFormatException(file + ": truncated record " + (read + got / record) + ": expected " + record
            + " bytes, found " + got % record);
      }
      for (int r = 0; r < got / record; r++, n++, read++) {
        int off = r * record;
        int label = buf[off + labels.which] & 0xff;
        if (label >= labels.classes) {
          throw new DataFormatException(file + ": label of record " + read + ": expected 0.." + (labels.classes - 1)
              + ", found " + label);
        }
        y[n] = label;
        System.arraycopy(buf, off + labels.labelBytes, px, n * SHAPE.size(), SHAPE.size());
      }
      if (got < want) break;
    }
    if (f.gzip()) DataFiles.expectEnd(in, file, "record");
    return n;
  }
}
