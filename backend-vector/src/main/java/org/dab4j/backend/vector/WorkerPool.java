package org.dab4j.backend.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits one operation's index range over a fixed set of daemon threads created once per backend. The
 * calling thread always takes the first piece itself, so {@code threads - 1} workers give {@code threads}-way
 * parallelism and a single-threaded configuration runs no pool at all.
 */
final class WorkerPool implements AutoCloseable {

    /** The work of one piece: the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ExecutorService executor;

    WorkerPool(int threads) {
        this.threads = threads;
        if (threads > 1) {
            int pool = POOL_IDS.incrementAndGet();
            AtomicInteger workerIds = new AtomicInteger();
            this.executor = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "dab4j-vector-" + pool + "-worker-" + workerIds.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.executor = null;
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, count)}: in one piece on the caller unless {@code parallel}, else in at
     * most {@link #threads()} contiguous pieces whose inner boundaries are multiples of {@code grain}. Where the
     * pieces fall never changes a result, because every kernel computes each output element from the same
     * inputs in the same order whichever piece holds it. The first exception of any piece is rethrown after
     * all pieces have finished.
     */
    void run(int count, int grain, boolean parallel, RangeTask task) {
        int units = (int) (((long) count + grain - 1) / grain);
        int pieces = parallel && executor != null ? Math.min(threads, units) : 1;
        if (pieces <= 1) {
            if (count > 0) {
                task.run(0, count);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(pieces - 1);
        for (int p = 1; p < pieces; p++) {
            int from = boundary(p, pieces, units, grain, count);
            int to = boundary(p + 1, pieces, units, grain, count);
            futures.add(executor.submit(() -> task.run(from, to)));
        }
        Throwable failure = null;
        try {
            task.run(0, boundary(1, pieces, units, grain, count));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // The pieces write into the caller's storages, so the caller must not return before they end.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private static int boundary(int piece, int pieces, int units, int grain, int count) {
        return (int) Math.min((long) count, (long) piece * units / pieces * grain);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
