package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose config.json predates a recorded setting ({@link ResumeCheck#ADDED_LATER}) resumes when the
 * command asks for the value that run behaved as, and is refused otherwise: {@code hidden_state} (recurrent
 * runs before truncated BPTT reset the state in every window) and {@code train_loss}.
 */
class ResumeCheckAddedLaterTest {

  @Test
  void anOlderRecurrentRunResumesWithTheResetStateOnly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(Checkpoint.CONFIG), "{\"model\":\"rnn\",\"lr\":0.1}");
    ResumeCheck.check(dir, "{\"model\":\"rnn\",\"lr\":0.1,\"hidden_state\":\"reset\",\"train_loss\":\"full\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResumeCheck.check(dir, "{\"model\":\"rnn\",\"lr\":0.1,\"hidden_state\":\"carried\"}"));
    assertTrue(e.getMessage().contains("hidden_state (--hidden-state) is 'carried' in this command but 'reset' (not recorded"), e.getMessage());
    // a setting that is neither recorded nor known to have been added later is still refused
    assertThrows(IllegalArgumentException.class, () -> ResumeCheck.check(dir, "{\"model\":\"rnn\",\"lr\":0.1,\"momentum\":0.9}"));
  }
}
