package dev.wharf.auth.htpasswd;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.wharf.auth.Principal;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdVerifierTest {
    @TempDir
    Path dir;

    /** {@code htpasswd -Bbn user pass} from apache2-utils, exactly as an operator would make the file. */
    static String htpasswd(String user, String password) throws Exception {
        boolean installed = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            installed |= !d.isEmpty() && Files.isExecutable(Path.of(d, "htpasswd"));
        }
        Assumptions.assumeTrue(installed, "htpasswd (apache2-utils) is not installed; skipping the real-file test");
        Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(false).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void fileMadeByHtpasswdWorksUnchanged() throws Exception {
        String line = htpasswd("alice", "s3cret:with colon");
        assertThat(line).startsWith("alice:$2y$");
        Path file = Files.writeString(dir.resolve("htpasswd"), line);
        HtpasswdVerifier v = new HtpasswdVerifier(file);
        assertThat(v.verify("alice", "s3cret:with colon"))
                .contains(new Principal("alice", Principal.Kind.HTPASSWD, null));
        assertThat(v.verify("alice", "s3cret")).isEmpty();
        assertThat(v.verify("alice", "")).isEmpty();
        assertThat(v.verify("bob", "s3cret:with colon")).isEmpty();
        // remembered success stays correct for a wrong password afterwards
        assertThat(v.verify("alice", "s3cret:with colon")).isPresent();
        assertThat(v.verify("alice", "S3cret:with colon")).isEmpty();
    }

    @Test
    void acceptsEveryBcryptVariantAndSkipsOtherFormats() throws Exception {
        String a = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, "pa".toCharArray());
        String b = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "pb".toCharArray());
        String y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "py".toCharArray());
        Path file = Files.writeString(dir.resolve("htpasswd"), "# team\n\nua:" + a + "\r\nub:" + b + "\nuy:" + y
                + "\nmd5:$apr1$abc$def\nsha:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nbroken line\n");
        HtpasswdVerifier v = new HtpasswdVerifier(file);
        assertThat(v.verify("ua", "pa")).isPresent();
        assertThat(v.verify("ub", "pb")).isPresent();
        assertThat(v.verify("uy", "py")).isPresent();
        assertThat(v.verify("md5", "x")).isEmpty();
        assertThat(v.verify("sha", "password")).isEmpty();
    }

    @Test
    void fileIsReReadWhenItChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("htpasswd"), htpasswd("alice", "one"));
        HtpasswdVerifier v = new HtpasswdVerifier(file);
        assertThat(v.verify("alice", "one")).isPresent();
        Principal alice = v.verify("alice", "one").orElseThrow();
        assertThat(v.stillValid(alice)).isTrue();

        // replaced atomically, as an editor or a configuration manager does
        Path tmp = Files.writeString(dir.resolve("new"), htpasswd("alice", "two") + htpasswd("bob", "three"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(v.verify("alice", "one")).isEmpty();
        assertThat(v.verify("alice", "two")).isPresent();
        assertThat(v.verify("bob", "three")).isPresent();

        // rewritten in place without alice
        Files.writeString(file, htpasswd("bob", "three"));
        assertThat(v.stillValid(alice)).isFalse();
        assertThat(v.verify("alice", "two")).isEmpty();

        // removed: nobody gets in; restored: back to normal
        Files.delete(file);
        assertThat(v.verify("bob", "three")).isEmpty();
        Files.writeString(file, htpasswd("bob", "three"));
        assertThat(v.verify("bob", "three")).isPresent();
    }

    @Test
    void missingFileFailsAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HtpasswdVerifier(dir.resolve("nope")))
                .hasMessageContaining("nope");
    }

    @Test
    void unknownUsersCostWhatTheTypicalUserCosts() {
        String four = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "x".toCharArray());
        String six = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(6, "x".toCharArray());
        assertThat(HtpasswdFile.parse("a:" + four + "\nb:" + four + "\nc:" + six + "\n", "t").typicalCost()).isEqualTo(4);
        assertThat(HtpasswdFile.parse("c:" + six + "\n", "t").typicalCost()).isEqualTo(6);
        assertThat(HtpasswdFile.parse("", "t").typicalCost()).isEqualTo(5);
    }

    @Test
    void costIsReadFromTheHash() {
        assertThat(HtpasswdFile.bcryptCost("$2y$05$" + "a".repeat(53))).isEqualTo(5);
        assertThat(HtpasswdFile.bcryptCost("$2x$05$" + "a".repeat(53))).isEqualTo(-1);
        assertThat(HtpasswdFile.bcryptCost("$2y$99$" + "a".repeat(53))).isEqualTo(-1);
        assertThat(HtpasswdFile.bcryptCost("$2y$05$short")).isEqualTo(-1);
    }
}
