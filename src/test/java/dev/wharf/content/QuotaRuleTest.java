package dev.wharf.content;

import dev.wharf.meta.LinkQuota;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one quota rule: the same arithmetic and words for the early checks and the link transaction. */
class QuotaRuleTest {
    private static final QuotaRule RULE = QuotaRule.INSTANCE;

    @Test
    void storage_takesUpToTheQuota_andRefusesOneByteMore_namingTheFigures() {
        assertThatCode(() -> RULE.refuseStorage("acme", "basic", 1000L, 600, 400)).doesNotThrowAnyException();
        assertThatCode(() -> RULE.refuseStorage("acme", "basic", null, 600, 10_000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RULE.refuseStorage("acme", "basic", 1000L, 600, 401))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DENIED);
                    assertThat(e.getMessage()).contains("acme", "basic", "600", "1000", "401");
                });
    }

    @Test
    void theLinkTransaction_andTheEarlyCheck_decideAlike() {
        LinkQuota.Registry acme = new LinkQuota.Registry("acme", "basic", 1000L, 2L);
        assertThatCode(() -> RULE.storage(acme, 600, 400)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RULE.storage(acme, 600, 401)).isInstanceOf(OciException.class)
                .hasMessage(messageOf(() -> RULE.refuseStorage("acme", "basic", 1000L, 600, 401)));
        assertThatCode(() -> RULE.repositories(acme, () -> 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RULE.repositories(acme, () -> 3)).isInstanceOf(OciException.class)
                .hasMessage(messageOf(() -> RULE.refuseRepository("acme", "basic", 2, 3)))
                .hasMessageContaining("may hold 2 repositories");
    }

    @Test
    void repositories_areCountedOnlyWhenALimitApplies() {
        AtomicInteger counted = new AtomicInteger();
        RULE.repositories(new LinkQuota.Registry("free", "basic", null, null), () -> counted.incrementAndGet());
        assertThat(counted).hasValue(0);
    }

    @Test
    void stagedBytes_countAgainstTheQuotaBesideTheUsage() {
        StorageRoom room = new StorageRoom("acme", "basic", 1000, 600);
        assertThat(RULE.stagedFits(room, 300, 100)).isTrue();
        assertThat(RULE.stagedFits(room, 300, 101)).isFalse();
        assertThat(RULE.stagedFits(new StorageRoom("acme", "basic", 1000, 1200), 0, 1)).isFalse(); // over already
        assertThat(RULE.stagedExceeded(room, 300, 101).getMessage()).contains("600", "1000", "300", "101", "staged");
    }

    private static String messageOf(Runnable refusal) {
        try {
            refusal.run();
        } catch (OciException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
