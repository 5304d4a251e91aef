package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.DigestAlgorithm;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HashStatesTest {
    private final AtomicLong now = new AtomicLong();

    private static MessageDigest sha256Of(String s) {
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        md.update(s.getBytes());
        return md;
    }

    @Test
    void copiesAreIndependentOfTheStoredState() {
        var states = new HashStates(10, 1000, now::get);
        states.put("u", sha256Of("ab"), 2);
        HashStates.State copy = states.copy("u");
        copy.digest().update("c".getBytes());
        assertThat(Digest.finish(DigestAlgorithm.SHA256, copy.digest())).isEqualTo(Digest.sha256("abc".getBytes()));
        HashStates.State again = states.copy("u");
        assertThat(again.size()).isEqualTo(2);
        assertThat(Digest.finish(DigestAlgorithm.SHA256, again.digest())).isEqualTo(Digest.sha256("ab".getBytes()));
    }

    @Test
    void evictsTheLeastRecentlyWrittenBeyondCapacity() {
        var states = new HashStates(2, Long.MAX_VALUE, now::get);
        states.put("a", sha256Of("a"), 1);
        states.put("b", sha256Of("b"), 1);
        states.put("a", sha256Of("aa"), 2); // a is now the most recent
        states.put("c", sha256Of("c"), 1);
        assertThat(states.size()).isEqualTo(2);
        assertThat(states.copy("b")).isNull();
        assertThat(states.copy("a")).isNotNull();
        assertThat(states.copy("c")).isNotNull();
    }

    @Test
    void dropsStatesIdleLongerThanTheLimit() {
        var states = new HashStates(100, 1000, now::get);
        states.put("old", sha256Of("x"), 1);
        now.set(600);
        states.put("newer", sha256Of("y"), 1);
        now.set(1001);
        assertThat(states.copy("old")).isNull();
        assertThat(states.copy("newer")).isNotNull();
        now.set(1700);
        states.put("newest", sha256Of("z"), 1); // purges expired entries as it goes
        assertThat(states.size()).isEqualTo(1);
        states.remove("newest");
        assertThat(states.size()).isZero();
    }

    @Test
    void bufferPoolKeepsAtMostMaxIdle() {
        var pool = new BufferPool(16, 2);
        var a = pool.acquire();
        var b = pool.acquire();
        var c = pool.acquire();
        assertThat(a.array()).hasSize(16);
        assertThat(a.direct().isDirect()).isTrue();
        assertThat(a.direct().capacity()).isEqualTo(16);
        pool.release(a);
        pool.release(b);
        pool.release(c);
        assertThat(pool.idle()).isEqualTo(2);
        assertThat(pool.acquire()).isSameAs(a);
        assertThat(pool.idle()).isEqualTo(1);
    }
}
