package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void labelColumnByNameIndexOrLast() throws IOException {
    Path f = write("a.csv", "x,cls,z\n0.5,2,-1\n1.5,0,3e2\n");
    Dataset byName = CsvReader.read("a", f, "cls");
    assertArrayEquals(new float[] {0.5f, -1f, 1.5f, 300f}, byName.features());
    assertArrayEquals(new int[] {2, 0}, byName.labels());
    assertEquals(3, byName.classes());
    assertArrayEquals(byName.features(), CsvReader.read("a", f, "1").features());
    Dataset last = CsvReader.read("a", write("b.tsv", "1\t2\t3\n4\t5\t6\n"), null);
    assertArrayEquals(new float[] {1, 2, 4, 5}, last.features());
    assertArrayEquals(new int[] {3, 6}, last.labels());
    Path gz = Files.write(dir.resolve("c.csv.gz"), Fixtures.gzip("1,0\n2,1\n".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(new int[] {0, 1}, CsvReader.read("c", gz, null).labels());
  }

  private String error(String text, String label) throws IOException {
    Path f = write("bad.csv", text);
    String m = assertThrows(DataFormatException.class, () -> CsvReader.read("b", f, label)).getMessage();
    assertTrue(m.startsWith(f + ": ") && !m.contains("\n"), m);
    return m;
  }

  @Test
  void refusesNanRaggedRowsBadLabelsAndUnknownColumns() throws IOException {
    assertTrue(error("a,b,y\n1,NaN,0\n", "y").contains("line 2, column 2: expected a finite number, found 'NaN'"));
    assertTrue(error("1,2,0\n1,0\n", null).contains("line 2: expected 3 fields, found 2 (ragged rows)"));
    assertTrue(error("1,2,0.5\n", null).contains("line 1, label: expected an integer 0..1048575, found '0.5'"));
    assertTrue(error("1,2,-1\n", null).contains("found '-1'"));
    assertTrue(error("a,b\n1,2\n", "c").contains("label column 'c' is not in the header and is not a column index"));
    assertTrue(error("1,2\n", "5").contains("label column: expected 0..1, found 5"));
    assertTrue(error("a,b\n", null).contains("no data rows"));
  }
}
