package org.dab4j.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits one operation's index range over a fixed set of daemon threads created once per backend. The
 * calling thread always takes the first piece itself, so {@code threads - 1} workers give {@code threads}-way
 * parallelism and a single-threaded configuration runs no pool at all.
 *
 * <p>A training step hands the workers thousands of pieces of a few hundred microseconds or less, so the
 * hand-off itself must be cheap: a worker that has just finished spins for up to {@link #SPIN_NANOS} waiting
 * for its next piece before it parks, and the caller spins the same way waiting for the workers to finish.
 * Waking a parked thread costs tens of microseconds on this machine's virtual CPUs (an executor's queue
 * did that twice per operation); a spin costs one cache line. Nothing is allocated per operation.
 *
 * <p>One operation runs on the pool at a time: a caller that finds the pool busy (another thread's operation,
 * or a piece that itself splits work) runs its whole range alone, which gives the same result.
 */
final class WorkerPool implements AutoCloseable {

    /** The work of one piece: the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    /** How long an idle worker, or a waiting caller, spins before it parks. */
    private static final long SPIN_NANOS = 50_000;
    /** Spins between two reads of the clock. */
    private static final int SPINS_PER_CHECK = 64;

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The thread waiting in {@link #run} for the workers, when it has parked; null otherwise. */
    private volatile Thread waiter;
    private volatile boolean closed;

    WorkerPool(int threads) {
        this.threads = threads;
        this.workers = new Worker[Math.max(0, threads - 1)];
        int pool = POOL_IDS.incrementAndGet();
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("dab4j-vector-" + pool + "-worker-" + (i + 1));
            workers[i].start();
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
        int pieces = parallel ? Math.min(threads, units) : 1;
        if (pieces <= 1 || !busy.compareAndSet(false, true)) {
            if (count > 0) {
                task.run(0, count);
            }
            return;
        }
        try {
            if (closed) {
                task.run(0, count);
                return;
            }
            for (int p = 1; p < pieces; p++) {
                workers[p - 1].post(task, boundary(p, pieces, units, grain, count),
                        boundary(p + 1, pieces, units, grain, count));
            }
            Throwable failure = null;
            try {
                task.run(0, boundary(1, pieces, units, grain, count));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (int p = 1; p < pieces; p++) {
                Throwable f = workers[p - 1].await();
                if (failure == null) {
                    failure = f;
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            busy.set(false);
        }
    }

    private static int boundary(int piece, int pieces, int units, int grain, int count) {
        return (int) Math.min((long) count, (long) piece * units / pieces * grain);
    }

    /** Stops the workers after the operation in progress, if any; later operations run on the caller alone. */
    @Override
    public void close() {
        while (!busy.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        closed = true;
        busy.set(false);
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Whether a spin should go on: one {@link Thread#onSpinWait()}, and every {@link #SPINS_PER_CHECK} spins a
     * look at the clock against {@code deadline}.
     */
    private static boolean keepSpinning(int spins, long deadline) {
        Thread.onSpinWait();
        return spins % SPINS_PER_CHECK != 0 || System.nanoTime() < deadline;
    }

    /**
     * One worker thread with a one-piece mailbox: the caller writes the piece, then bumps {@link #posted};
     * the worker runs it and sets {@link #finished} to the same number. Both counters are volatile, so a
     * thread that parks after checking one of them cannot miss the other side's write (each side re-checks
     * after announcing that it parks, and unpark before park is not lost).
     */
    private final class Worker extends Thread {
        private RangeTask task;
        private int from;
        private int to;
        private Throwable failure;
        private volatile long posted;
        private volatile long finished;
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void post(RangeTask task, int from, int to) {
            this.task = task;
            this.from = from;
            this.to = to;
            this.failure = null;
            posted = posted + 1;
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /** Waits for the posted piece to finish; the exception it threw, or null. */
        Throwable await() {
            long target = posted;
            long deadline = System.nanoTime() + SPIN_NANOS;
            for (int spins = 1; finished != target && keepSpinning(spins, deadline); spins++) {
                // spin: the piece is likely to end within microseconds
            }
            if (finished != target) {
                waiter = Thread.currentThread();
                while (finished != target) {
                    LockSupport.park(this);
                }
                waiter = null;
            }
            Throwable f = failure;
            task = null;
            return f;
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long target = seen + 1;
                long deadline = System.nanoTime() + SPIN_NANOS;
                for (int spins = 1; posted != target && !closed && keepSpinning(spins, deadline); spins++) {
                    // spin: in a training step the next piece follows within microseconds
                }
                if (posted != target && !closed) {
                    parked = true;
                    while (posted != target && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                if (posted != target) {
                    return;
                }
                try {
                    task.run(from, to);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                seen = target;
                finished = target;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
