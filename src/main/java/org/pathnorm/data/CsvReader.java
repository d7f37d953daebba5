package org.pathnorm.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Reader of delimited text: one sample per line, numeric features and one integer label column
 * (0 … classes−1; classes = the largest label + 1). The delimiter is a tab for {@code .tsv} files and
 * a comma otherwise; a first line that is not all numbers is a header. Raw or gzip.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * @param labelColumn the label column: a header name, a 0-based index, or null for the last column
   */
  public static Dataset read(String name, Path file, String labelColumn) {
    char sep = file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tsv(\\.gz)?") ? '\t' : ',';
    DataFiles.Opened f = DataFiles.open(file);
    FloatList x = new FloatList();
    IntList y = new IntList();
    int columns = -1;
    int label = -1;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(f.in(), StandardCharsets.UTF_8), DataFiles.BUFFER)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] fields = split(line, sep);
        if (columns < 0) {
          columns = fields.length;
          if (columns < 2) throw new DataFormatException(file + ": line 1: expected a label and at least one feature column, found " + columns + " column(s)");
          boolean header = !allNumbers(fields);
          label = labelIndex(file, labelColumn, header ? fields : null, columns);
          if (header) continue;
        } else if (fields.length != columns) {
          throw new DataFormatException(file + ": line " + lineNo + ": expected " + columns + " fields, found " + fields.length + " (ragged rows)");
        }
        for (int j = 0; j < columns; j++) {
          String v = fields[j].trim();
          if (j == label) {
            y.add(parseLabel(file, lineNo, v));
          } else {
            float value = parse(file, lineNo, j, v);
            if (!Float.isFinite(value)) {
              throw new DataFormatException(file + ": line " + lineNo + ", column " + (j + 1) + ": expected a finite number, found '" + v + "'");
            }
            x.add(value);
          }
        }
      }
    } catch (IOException e) {
      if (e instanceof ZipException || e instanceof EOFException) throw DataFiles.corrupt(file, e);
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (y.size == 0) throw new DataFormatException(file + ": no data rows");
    int classes = 0;
    for (int i = 0; i < y.size; i++) classes = Math.max(classes, y.data[i] + 1);
    return new Dataset(name, x.toArray(), y.toArray(), columns - 1, Math.max(classes, 2));
  }

  private static int labelIndex(Path file, String labelColumn, String[] header, int columns) {
    if (labelColumn == null) return columns - 1;
    if (header != null) {
      for (int j = 0; j < columns; j++) if (header[j].trim().equals(labelColumn)) return j;
    }
    try {
      int j = Integer.parseInt(labelColumn.trim());
      if (j < 0 || j >= columns) {
        throw new DataFormatException(file + ": label column: expected 0.." + (columns - 1) + ", found " + j);
      }
      return j;
    } catch (NumberFormatException e) {
      throw new DataFormatException(file + ": label column '" + labelColumn + "' is not in the header"
          + (header == null ? " (the file has none)" : "") + " and is not a column index");
    }
  }

  private static int parseLabel(Path file, int lineNo, String v) {
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && d < 1 << 20 && d == Math.rint(d)) return (int) d;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(file + ": line " + lineNo + ", label: expected an integer 0.." + ((1 << 20) - 1) + ", found '" + v + "'");
  }

  private static float parse(Path file, int lineNo, int column, String v) {
    try {
      return Float.parseFloat(v);
    } catch (NumberFormatException e) {
      throw new DataFormatException(file + ": line " + lineNo + ", column " + (column + 1) + ": expected a number, found '" + v + "'");
    }
  }

  private static boolean allNumbers(String[] fields) {
    for (String s : fields) {
      try {
        Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  private static String[] split(String line, char sep) {
    return line.split(sep == '\t' ? "\t" : ",", -1);
  }

  /** A growable float array (no boxing). */
  private static final class FloatList {
    float[] data = new float[1024];
    int size;

    void add(float v) {
      if (size == data.length) {
        if (data.length >= IdxReader.MAX_ARRAY / 2) throw new DataFormatException("CSV file too large for one array");
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    float[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  /** A growable int array (no boxing). */
  private static final class IntList {
    int[] data = new int[256];
    int size;

    void add(int v) {
      if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
      data[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
