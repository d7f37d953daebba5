package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.Schedule;
import org.pathnorm.train.RunSetup;
import picocli.CommandLine;

/** {@code pathnorm train}'s options become the typed {@link RunSetup} that reproduce and the API use too. */
class RunSetupOptionsTest {

  static RunSetup setup(String... args) {
    TrainCommand command = new TrainCommand();
    new CommandLine(command).parseArgs(args);
    return command.setup();
  }

  /** An explicit --momentum 0 under the thesis schedule is honoured (it used to become 0.5 silently). */
  @Test
  void explicitZeroMomentumIsKeptUnderTheThesisSchedule() {
    RunSetup zero = setup("--arch", "64-10", "--out", "x", "--schedule", "thesis", "--momentum", "0");
    assertEquals(0.0, zero.schedule().momentum(0));
    assertEquals(0.2, zero.schedule().momentum(10), 1e-12);
    RunSetup unset = setup("--arch", "64-10", "--out", "x", "--schedule", "thesis");
    assertEquals(0.5, unset.schedule().momentum(0));
    RunSetup constant = setup("--arch", "64-10", "--out", "x");
    assertEquals(0.0, constant.schedule().momentum(0));
    assertFalse(constant.schedule().hasMomentum());
  }

  @Test
  void optionsBecomeTypedSettings() {
    RunSetup s = setup("--arch", "64-32-10", "--out", "x", "--optimizer", "path-sgd", "--kappa-every", "3", "--momentum", "0.9",
        "--lr", "0.05", "--batch", "16", "--stop-loss", "0.01", "--threads", "2");
    assertEquals(Method.PATH_SGD, s.optimizer().method());
    assertEquals(3, s.optimizer().kappaEvery());
    assertEquals(new Schedule.Constant(0.05, 0.9), s.schedule());
    assertEquals(16, s.training().batch());
    assertEquals(0.01, s.training().stopLoss().getAsDouble());
    assertEquals(2, s.training().threads());
    assertTrue(s.schedule().hasMomentum());
    assertEquals("64-32-10", s.initialNetwork().describe());
  }

  @Test
  void badValuesAreRefusedBeforeAnythingIsBuilt() {
    for (String[] bad : new String[][] {{"--lr", "NaN"}, {"--lr", "-0.1"}, {"--momentum", "1"}, {"--weight-decay", "-1"},
        {"--optimizer", "adam", "--weight-decay", "0.1"}, {"--kappa-every", "0"}}) {
      String[] args = new String[bad.length + 4];
      args[0] = "--arch";
      args[1] = "64-10";
      args[2] = "--out";
      args[3] = "x";
      System.arraycopy(bad, 0, args, 4, bad.length);
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> setup(args));
      assertTrue(e.getMessage().startsWith(bad[bad.length - 2]) || e.getMessage().contains(bad[0]), e.getMessage());
    }
  }
}
