package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's hand-off: every index runs exactly once, on the caller and the workers, through both the
 * spinning and the parked path; failures come back; concurrent and nested callers run alone; close stops it.
 */
@Timeout(60)
class WorkerPoolTest {

    @Test
    void everyIndexRunsOnceThroughSpinningAndParkedHandOffs() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 2_000; round++) {
                int count = 1 + round % 97;
                AtomicIntegerArray hits = new AtomicIntegerArray(count);
                pool.run(count, 1 + round % 5, true, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < count; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " of " + count + " in round " + round);
                }
                if (round % 200 == 0) {
                    // Long enough for the workers to stop spinning and park.
                    Thread.sleep(2);
                }
            }
        }
    }

    @Test
    void piecesRunOnSeveralThreads() {
        try (WorkerPool pool = new WorkerPool(2)) {
            CountDownLatch both = new CountDownLatch(2);
            pool.run(2, 1, true, (from, to) -> {
                both.countDown();
                try {
                    assertTrue(both.await(10, TimeUnit.SECONDS), "the other piece never ran alongside");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aWorkersFailureIsRethrownAfterEveryPieceEnds() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalArgumentException thrown = new IllegalArgumentException("bad piece");
            AtomicIntegerArray ran = new AtomicIntegerArray(2);
            IllegalArgumentException caught = assertThrows(IllegalArgumentException.class,
                    () -> pool.run(2, 1, true, (from, to) -> {
                        ran.set(from, 1);
                        if (from == 1) {
                            throw thrown;
                        }
                    }));
            assertSame(thrown, caught);
            assertEquals(1, ran.get(0));
            AtomicIntegerArray after = new AtomicIntegerArray(4);
            pool.run(4, 1, true, (from, to) -> {
                for (int i = from; i < to; i++) {
                    after.set(i, 1);
                }
            });
            for (int i = 0; i < 4; i++) {
                assertEquals(1, after.get(i), "the pool still works after a failure");
            }
        }
    }

    @Test
    void concurrentAndNestedCallersGetWholeResults() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                Future<?>[] futures = new Future<?>[3];
                for (int c = 0; c < futures.length; c++) {
                    futures[c] = callers.submit(() -> {
                        for (int round = 0; round < 500; round++) {
                            AtomicIntegerArray hits = new AtomicIntegerArray(20);
                            pool.run(4, 1, true, (from, to) -> {
                                // Each piece splits its own work again: it runs on the piece's thread alone.
                                pool.run(5, 1, true, (f, t) -> {
                                    for (int i = from * 5 + f; i < from * 5 + t; i++) {
                                        hits.incrementAndGet(i);
                                    }
                                });
                                for (int piece = from + 1; piece < to; piece++) {
                                    for (int i = piece * 5; i < piece * 5 + 5; i++) {
                                        hits.incrementAndGet(i);
                                    }
                                }
                            });
                            for (int i = 0; i < 20; i++) {
                                assertEquals(1, hits.get(i), "index " + i);
                            }
                        }
                        return null;
                    });
                }
                for (Future<?> f : futures) {
                    f.get(50, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void afterCloseEverythingRunsOnTheCaller() {
        WorkerPool pool = new WorkerPool(3);
        pool.close();
        Thread caller = Thread.currentThread();
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        pool.run(10, 1, true, (from, to) -> {
            assertSame(caller, Thread.currentThread());
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(1, hits.get(i));
        }
    }
}
