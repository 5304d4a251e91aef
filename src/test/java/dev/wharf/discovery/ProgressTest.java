package dev.wharf.discovery;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void terminal_showsRepositoriesTagsRateAndErrors_thenClearsTheLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(terminal)) {
            p.repositoriesFound(2);
            p.repositoryDone();
            p.tagDone();
            p.tagDone();
            p.tagDone();
            p.error();
            p.println("warning: something");
            for (int i = 0; i < 100 && !text(bytes).contains("repositories 1/2  tags 3"); i++) {
                Thread.sleep(50);
            }
        }
        String out = text(bytes);
        assertThat(out).contains("repositories 1/2  tags 3  (", " tags/s)  errors 1", "\r\033[Kwarning: something\n");
        assertThat(out).endsWith("\r\033[K");
    }

    @Test
    void notATerminal_printsNothing() {
        try (Progress p = new Progress(null)) {
            p.repositoriesFound(1);
            p.println("hidden");
            assertThat(p.line()).startsWith("repositories 0/1");
        }
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }
}
