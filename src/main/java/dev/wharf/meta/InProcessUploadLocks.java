package dev.wharf.meta;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link UploadLocks} within one JVM: a fixed set of locks picked by the id's hash, so there is no lock object per
 * upload. ReentrantLock, not synchronized, so virtual threads waiting on it do not pin their carrier.
 */
final class InProcessUploadLocks implements UploadLocks {
    private final ReentrantLock[] locks;

    InProcessUploadLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public Held hold(String uploadId) {
        ReentrantLock lock = locks[Math.floorMod(uploadId.hashCode(), locks.length)];
        lock.lock();
        return lock::unlock;
    }
}
