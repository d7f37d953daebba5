package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm script, run by bash against a stand-in {@code sbatch} that records what it is given: the array, its
 * resources and per-task directories, the merge after it ({@code afterany} on the array's id), and what each job runs
 * (a stand-in {@code pathnorm} records its arguments).
 */
class SbatchScriptTest {
  private static final TaskResources RES = new TaskResources(3, 2, 2, 1536, 1024, 95);

  private static String script(Path base) {
    return SbatchScript.text(List.of("pathnorm"), base, List.of("hidden-units", "--scale", "smoke", "--seeds", "1"), RES, 6, "pathnorm-x");
  }

  /** Runs {@code command} with bin/ first on the PATH; returns stdout and stderr. */
  static String bash(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_") || k.equals("ARRAY") || k.equals("SBATCH_OPTS"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static void fakes(Path dir) throws IOException {
    fakes(dir, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$SUBMITTED/ran.args\"\n");
  }

  /** Stand-ins under dir/bin: sbatch as below, pathnorm the given script; dir/submitted for what they record. */
  static void fakes(Path dir, String pathnorm) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    // sbatch: records its arguments and script; the array gets id 41, the merge "42;cluster" (--parsable with a cluster)
    Files.writeString(bin.resolve("sbatch"), """
        #!/usr/bin/env bash
        n=$(ls "$SUBMITTED" | grep -c "[.]sh$" || true)
        printf '%s\\n' "$@" > "$SUBMITTED/$n.args"
        cat > "$SUBMITTED/$n.sh"
        if [ "$n" = 0 ]; then echo 41; else echo '42;cluster'; fi
        """);
    Files.writeString(bin.resolve("pathnorm"), pathnorm);
    for (String f : List.of("sbatch", "pathnorm")) bin.resolve(f).toFile().setExecutable(true);
    Files.createDirectories(dir.resolve("submitted"));
  }

  @Test
  void submitsTheArrayThenTheMergeAfterIt(@TempDir Path dir) throws Exception {
    fakes(dir);
    Path base = dir.resolve("run-x");
    Path file = dir.resolve("job.sh");
    Files.writeString(file, script(base));
    Map<String, String> env = Map.of("SUBMITTED", dir.resolve("submitted").toString());
    String out = bash(dir, env, "bash", file.toString());
    assertTrue(out.contains("array job 41 (tasks 0-2), merge job 42 after it"), out);
    assertTrue(Files.isDirectory(base.resolve("logs")));
    Path sub = dir.resolve("submitted");
    assertEquals(List.of("--parsable", "--array=0-2"), Files.readAllLines(sub.resolve("0.args")));
    assertEquals(List.of("--parsable", "--dependency=afterany:41"), Files.readAllLines(sub.resolve("1.args")));
    String task = Files.readString(sub.resolve("0.sh"));
    for (String line : List.of("#SBATCH --cpus-per-task=2", "#SBATCH --mem=1536M", "#SBATCH --time=0-01:35:00",
        "#SBATCH --output=" + base + "/logs/task-%A_%a.out", "#SBATCH --job-name=pathnorm-x")) {
      assertTrue(task.contains(line + "\n"), line + " in\n" + task);
    }
    // a task runs its shard into its own directory
    bash(dir, Map.of("SUBMITTED", sub.toString(), "SLURM_ARRAY_TASK_ID", "2"), "bash", sub.resolve("0.sh").toString());
    assertEquals(List.of("reproduce", "hidden-units", "--scale", "smoke", "--seeds", "1", "--threads", "2", "--shard", "auto", "--shard-count",
        "3", "--out", base + "/shard-2"), Files.readAllLines(sub.resolve("ran.args")));
    // the merge reads the shard directories that hold a config.json
    for (String s : List.of("shard-0", "shard-2")) Files.writeString(Files.createDirectories(base.resolve(s)).resolve("config.json"), "{}");
    Files.createDirectories(base.resolve("shard-1"));  // its task died before writing anything
    bash(dir, env, "bash", sub.resolve("1.sh").toString());
    assertEquals(List.of("report", base + "/shard-0", base + "/shard-2", "--out", base.toString(), "--missing"),
        Files.readAllLines(sub.resolve("ran.args")));
  }

  @Test
  void resubmitsSomeTasksWithExtraOptions(@TempDir Path dir) throws Exception {
    fakes(dir);
    Path file = dir.resolve("job.sh");
    Files.writeString(file, script(dir.resolve("base")));
    Path sub = dir.resolve("submitted");
    String out = bash(dir, Map.of("SUBMITTED", sub.toString(), "ARRAY", "1", "SBATCH_OPTS", "--partition=cpu --account=me"), "bash",
        file.toString());
    assertTrue(out.contains("(tasks 1)"), out);
    assertEquals(List.of("--parsable", "--array=1", "--partition=cpu", "--account=me"), Files.readAllLines(sub.resolve("0.args")));
    assertEquals(List.of("--parsable", "--dependency=afterany:41", "--partition=cpu", "--account=me"), Files.readAllLines(sub.resolve("1.args")));
  }

  @Test
  void refusesBasePathsThatSbatchLinesCannotHold() {
    String m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> script(Path.of("/tmp/run x"))).getMessage();
    assertTrue(m.contains("--out /tmp/run x: the #SBATCH lines"), m);
    m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> script(Path.of("runs/x"))).getMessage();
    assertTrue(m.contains("must be absolute"), m);
  }

  @Test
  void quotesWhatBashWouldSplit() {
    assertEquals("/a/b.jar", SbatchScript.q("/a/b.jar"));
    assertEquals("'a b'", SbatchScript.q("a b"));
    assertEquals("'it'\\''s'", SbatchScript.q("it's"));
    assertEquals("''", SbatchScript.q(""));
    assertEquals("'$HOME'", SbatchScript.q("$HOME"));
  }
}
