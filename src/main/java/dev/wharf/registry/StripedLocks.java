package dev.wharf.registry;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks picked by key hash: serializes work on one upload id without a lock object per id.
 * ReentrantLock, not synchronized, so virtual threads waiting on it do not pin their carrier.
 */
final class StripedLocks {
    private final ReentrantLock[] locks;

    StripedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }
}
