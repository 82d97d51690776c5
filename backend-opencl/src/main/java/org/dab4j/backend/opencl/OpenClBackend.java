package org.dab4j.backend.opencl;

import static org.dab4j.tensor.BackendArguments.requireAliasShape;
import static org.dab4j.tensor.BackendArguments.requireArgmaxAxis;
import static org.dab4j.tensor.BackendArguments.requireDisjointCopy;
import static org.dab4j.tensor.BackendArguments.requireLength;
import static org.dab4j.tensor.BackendArguments.requireMatmulOutput;
import static org.dab4j.tensor.BackendArguments.requireNonNegative;
import static org.dab4j.tensor.BackendArguments.requireRange;
import static org.dab4j.tensor.BackendArguments.requireShape;
import static org.dab4j.tensor.BackendArguments.requireView;
import static org.dab4j.tensor.BackendArguments.viewSize;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelPreferences;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.Transfers;
import org.dab4j.tensor.UnaryOp;

/**
 * The OpenCL engine: every tensor lives in one device arena owned by one {@link ArenaKernel}, each operation
 * is one or a few launches of that kernel, and floats cross to the host only in {@link #upload} and
 * {@link #download}, which it counts ({@link #transfers()}).
 *
 * <p>Nothing ever runs in Java instead: the kernel is compiled for the device up front, Aparapi's fallback
 * is turned into an exception ({@link FallbackGuard}), and every launch is checked to have run on the
 * device; a failure is an {@link OpenClException} that names the operation and the device. The device does
 * no bounds checks, so every range is checked here before a launch. Invalid gather, scatter and target
 * indices cannot be thrown from the device: they are recorded there and reported as an
 * {@link IndexOutOfBoundsException} by the next download.
 *
 * <p>Device data survives only while the arena stays where it is in host memory (Aparapi tracks buffers by
 * address). The arena is far larger than any collector's threshold for moving objects under G1 and ZGC;
 * a device-only canary, read back with every download, turns a move (under Parallel or Serial GC) into an
 * error instead of silently lost data.
 */
public final class OpenClBackend implements Backend {
    /** Floats moved through the small staging array: uploads of a batch, downloads of a loss or metric. */
    static final int SMALL_STAGING = 4096;
    /** Floats moved per launch through the large staging array; larger transfers go in pieces. */
    static final int LARGE_STAGING = 1 << 18;
    /** The smallest arena: 16 MiB, as large as G1's largest half region, so G1 never moves it. */
    static final int MIN_ARENA_FLOATS = 4 << 20;
    /** Work items per work group. */
    private static final int GROUP = 64;
    /** Rounds of collection and waiting for collected storages before the arena counts as full. */
    private static final int RECLAIM_ROUNDS = 5;

    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenCLDevice device;
    private final String deviceName;
    private final ArenaKernel kernel;
    private final KernelPreferences preferences;
    private final ArenaAllocator allocator;
    private final Queue<ArenaStorage.Block> freed = new ConcurrentLinkedQueue<>();
    private final int group;
    private Transfers transfers = Transfers.NONE;
    private boolean closed;

    /**
     * An engine on {@code device} with an arena of {@code arenaFloats} floats (at least
     * {@link #MIN_ARENA_FLOATS}); compiles the kernel for the device now.
     *
     * @throws OpenClException when the kernel does not compile or run there, or the arena does not fit
     */
    public OpenClBackend(OpenCLDevice device, int arenaFloats) {
        if (arenaFloats < MIN_ARENA_FLOATS) {
            throw new IllegalArgumentException("the OpenCL arena needs at least " + MIN_ARENA_FLOATS
                    + " floats (16 MiB, so the collector never moves it), got " + arenaFloats);
        }
        this.device = device;
        this.deviceName = OpenClDevices.describe(device);
        long bytes = 4L * arenaFloats;
        if (bytes > device.getMaxMemAllocSize()) {
            throw new OpenClException("an arena of " + OpenClDevices.mebibytes(bytes) + " exceeds the largest buffer ("
                    + OpenClDevices.mebibytes(device.getMaxMemAllocSize()) + ") of OpenCL device " + deviceName);
        }
        FallbackGuard.ensureInstalled();
        // Buffers then live apart from the Java arrays, as on a discrete GPU, on every device: a missing
        // transfer fails here (on PoCL too) instead of only on a GPU.
        device.setSharedMemory(false);
        this.group = Math.min(GROUP, Math.min(device.getMaxWorkGroupSize(), device.getMaxWorkItemSize()[0]));
        this.kernel = new ArenaKernel(arenaFloats, SMALL_STAGING, LARGE_STAGING);
        kernel.setExplicit(true);
        try {
            kernel.compile(device);
        } catch (CompileFailedException | RuntimeException e) {
            kernel.dispose();
            throw new OpenClException("the dab4j kernel does not compile for OpenCL device " + deviceName + ": " + e, e);
        }
        this.preferences = KernelManager.instance().getPreferences(kernel);
        this.allocator = new ArenaAllocator(ArenaKernel.RESERVED, arenaFloats);
        try {
            resetStatus();
        } catch (RuntimeException e) {
            kernel.dispose();
            throw e;
        }
    }

    @Override
    public String name() {
        return OpenClBackendProvider.NAME;
    }

    /** The device used, the arena, and any other OpenCL device this JVM sees. */
    @Override
    public String description() {
        String text = "OpenCL " + deviceName + ", arena " + OpenClDevices.mebibytes(4L * kernel.arena.length);
        List<String> others = OpenClDevices.get().devices().stream()
                .filter(d -> d.getDeviceId() != device.getDeviceId()).map(OpenClDevices::describe).toList();
        return others.isEmpty() ? text : text + "; also seen: " + String.join("; ", others);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public Optional<Transfers> transfers() {
        return Optional.of(transfers);
    }

    /** Floats in live tensors' blocks (rounded up to the allocation grain). */
    long arenaUsed() {
        drainFreed();
        return allocator.used();
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Storage allocate(int length) {
        requireNonNegative("length", length);
        ArenaStorage storage = allocateUninitialised(length);
        fillRange(storage.offset(), length, 0f, "allocate");
        return storage;
    }

    /** A block whose floats the caller overwrites before reading: scratch space of a multi-launch operation. */
    private ArenaStorage allocateUninitialised(int length) {
        checkOpen();
        drainFreed();
        if (length == 0) {
            return new ArenaStorage(this, ArenaKernel.RESERVED, 0, new ArenaStorage.Block(0, 0, freed), CLEANER);
        }
        int offset = allocator.allocate(length);
        for (int round = 1; offset < 0 && round <= RECLAIM_ROUNDS; round++) {
            offset = reclaimAndRetry(length, round);
        }
        if (offset < 0) {
            throw new OpenClException("the OpenCL arena of " + deviceName + " is full: asked for " + length
                    + " floats (" + OpenClDevices.mebibytes(4L * length) + "), " + allocator.free()
                    + " floats left (largest free block " + allocator.largestFree() + ") of "
                    + kernel.arena.length + "; release tensors (a TensorScope per step) or start the JVM with a "
                    + "larger -D" + OpenClBackendProvider.ARENA_PROPERTY + " (MiB)");
        }
        return new ArenaStorage(this, offset, length, new ArenaStorage.Block(offset, length, freed), CLEANER);
    }

    /**
     * Storages nobody references any more are freed by their cleaners after a collection, as direct byte
     * buffers are; a full arena first asks for one and waits a little for the cleaners.
     */
    private int reclaimAndRetry(int length, int round) {
        System.gc();
        try {
            Thread.sleep(10L * round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        drainFreed();
        return allocator.allocate(length);
    }

    private void drainFreed() {
        ArenaStorage.Block block;
        while ((block = freed.poll()) != null) {
            if (block.length() > 0 && !closed) {
                allocator.free(block.offset(), block.length());
            }
        }
    }

    /** Also allowed after {@link #close}, so scopes that outlive the backend can still clean up. */
    @Override
    public void release(Storage storage) {
        own(storage, "storage").release();
        drainFreed();
    }

    @Override
    public void upload(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        ArenaStorage d = live(dst, "dst");
        requireRange("host array src", src.length, srcOffset, length);
        requireRange("dst", d.length(), dstOffset, length);
        for (int done = 0; done < length; ) {
            int piece = Math.min(length - done, LARGE_STAGING);
            boolean large = piece > SMALL_STAGING;
            float[] staging = large ? kernel.largeStaging : kernel.smallStaging;
            System.arraycopy(src, srcOffset + done, staging, 0, piece);
            kernel.put(staging);
            kernel.op = ArenaKernel.STAGE_IN;
            kernel.large = large ? 1 : 0;
            kernel.out = d.offset() + dstOffset + done;
            launch("upload", piece);
            done += piece;
        }
        if (length > 0) {
            transfers = transfers.plusUpload(length);
        }
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        ArenaStorage s = live(src, "src");
        requireRange("src", s.length(), srcOffset, length);
        requireRange("host array dst", dst.length, dstOffset, length);
        for (int done = 0; done < length; ) {
            int piece = Math.min(length - done, LARGE_STAGING);
            boolean large = piece > SMALL_STAGING;
            float[] staging = large ? kernel.largeStaging : kernel.smallStaging;
            kernel.op = ArenaKernel.STAGE_OUT;
            kernel.large = large ? 1 : 0;
            kernel.x = s.offset() + srcOffset + done;
            kernel.transferLength = piece;
            launch("download", Math.max(piece, ArenaKernel.STATUS_SLOTS));
            kernel.get(staging);
            checkStatus(staging);
            System.arraycopy(staging, 0, dst, dstOffset + done, piece);
            done += piece;
        }
        if (length > 0) {
            transfers = transfers.plusDownload(length);
        }
    }

    /** Reads the status slots a download brought back behind the data. */
    private void checkStatus(float[] staging) {
        int status = staging.length - ArenaKernel.STATUS_SLOTS;
        if (staging[status + ArenaKernel.CANARY_SLOT] != ArenaKernel.CANARY) {
            throw new OpenClException("device data was lost on OpenCL device " + deviceName + ": the arena's canary "
                    + "is gone, so Aparapi rebuilt the device buffer from its stale host copy. That happens when the "
                    + "garbage collector moves the arena; run with G1 (the default) or ZGC, not Parallel or Serial GC");
        }
        float op = staging[status + ArenaKernel.ERROR_OP_SLOT];
        if (op != 0f) {
            float index = staging[status + ArenaKernel.ERROR_INDEX_SLOT];
            float axis = staging[status + ArenaKernel.ERROR_AXIS_SLOT];
            resetStatus();
            throw new IndexOutOfBoundsException("an earlier " + indexingOpName((int) op) + " on OpenCL device "
                    + deviceName + " met index " + index + ", which is not an integer in [0, " + (int) axis
                    + "); its results there are NaN (gather, softmaxCrossEntropy) or left out (scatterAdd)");
        }
    }

    private static String indexingOpName(int op) {
        if (op == ArenaKernel.GATHER) {
            return "gather";
        }
        return op == ArenaKernel.SCATTER_ADD ? "scatterAdd" : "softmaxCrossEntropy";
    }

    private void resetStatus() {
        kernel.op = ArenaKernel.RESET_STATUS;
        launch("reset status", ArenaKernel.STATUS_SLOTS);
    }

    @Override
    public void fill(Storage dst, int length, float value) {
        requireNonNegative("length", length);
        ArenaStorage d = live(dst, "dst");
        requireLength("dst", d.length(), length);
        fillRange(d.offset(), length, value, "fill");
    }

    private void fillRange(int offset, int length, float value, String what) {
        kernel.op = ArenaKernel.FILL;
        kernel.out = offset;
        kernel.scalar = value;
        launch(what, length);
    }

    @Override
    public void copy(Storage src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        ArenaStorage s = live(src, "src");
        ArenaStorage d = live(dst, "dst");
        requireRange("src", s.length(), srcOffset, length);
        requireRange("dst", d.length(), dstOffset, length);
        requireDisjointCopy(s == d, srcOffset, dstOffset, length);
        copyRange(s.offset() + srcOffset, d.offset() + dstOffset, length);
    }

    private void copyRange(int from, int to, int length) {
        kernel.op = ArenaKernel.COPY;
        kernel.x = from;
        kernel.out = to;
        launch("copy", length);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length) {
        requireNonNegative("length", length);
        ArenaStorage xs = live(x, "x");
        ArenaStorage o = live(out, "out");
        requireLength("x", xs.length(), length);
        requireLength("out", o.length(), length);
        kernel.op = ArenaKernel.UNARY;
        kernel.code = code(op);
        kernel.x = xs.offset();
        kernel.out = o.offset();
        launch("unary " + op, length);
    }

    @Override
    public void binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Storage out) {
        ArenaStorage as = live(a, "a");
        ArenaStorage bs = live(b, "b");
        ArenaStorage o = live(out, "out");
        Shape outShape = Shape.broadcast(aShape, bShape);
        requireShape("a of shape", as.length(), aShape);
        requireShape("b of shape", bs.length(), bShape);
        requireShape("out of broadcast shape", o.length(), outShape);
        requireAliasShape("a", out == a, aShape, outShape);
        requireAliasShape("b", out == b, bShape, outShape);
        if (outShape.size() == 0) {
            return;
        }
        BroadcastLayout layout = BroadcastLayout.of(aShape, bShape, outShape);
        int rank = layout.rank();
        int leading = Math.max(0, rank - 4);
        int[] dims = new int[4];
        int[] sa = new int[4];
        int[] sb = new int[4];
        Arrays.fill(dims, 1);
        for (int d = leading; d < rank; d++) {
            dims[d - leading + 4 - (rank - leading)] = layout.dims()[d];
            sa[d - leading + 4 - (rank - leading)] = layout.aStrides()[d];
            sb[d - leading + 4 - (rank - leading)] = layout.bStrides()[d];
        }
        int perLaunch = dims[0] * dims[1] * dims[2] * dims[3];
        kernel.op = ArenaKernel.BINARY;
        kernel.code = code(op);
        kernel.dim1 = dims[1];
        kernel.dim2 = dims[2];
        kernel.dim3 = dims[3];
        kernel.strideX0 = sa[0];
        kernel.strideX1 = sa[1];
        kernel.strideX2 = sa[2];
        kernel.strideX3 = sa[3];
        kernel.strideY0 = sb[0];
        kernel.strideY1 = sb[1];
        kernel.strideY2 = sb[2];
        kernel.strideY3 = sb[3];
        // Dimensions beyond the kernel's four are walked here, one launch per index of the leading ones.
        int[] index = new int[leading];
        for (int launchNo = 0; launchNo * (long) perLaunch < outShape.size(); launchNo++) {
            int aOffset = 0;
            int bOffset = 0;
            for (int d = 0; d < leading; d++) {
                aOffset += index[d] * layout.aStrides()[d];
                bOffset += index[d] * layout.bStrides()[d];
            }
            kernel.x = as.offset() + aOffset;
            kernel.y = bs.offset() + bOffset;
            kernel.out = o.offset() + launchNo * perLaunch;
            launch("binary " + op, perLaunch);
            for (int d = leading - 1; d >= 0 && ++index[d] == layout.dims()[d]; d--) {
                index[d] = 0;
            }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, float scalar, Storage out, int length) {
        requireNonNegative("length", length);
        ArenaStorage as = live(a, "a");
        ArenaStorage o = live(out, "out");
        requireLength("a", as.length(), length);
        requireLength("out", o.length(), length);
        kernel.op = ArenaKernel.BINARY_SCALAR;
        kernel.code = code(op);
        kernel.x = as.offset();
        kernel.scalar = scalar;
        kernel.out = o.offset();
        launch("binaryScalar " + op, length);
    }

    @Override
    public void where(Storage cond, Storage a, Storage b, Storage out, int length) {
        requireNonNegative("length", length);
        ArenaStorage c = live(cond, "cond");
        ArenaStorage as = live(a, "a");
        ArenaStorage bs = live(b, "b");
        ArenaStorage o = live(out, "out");
        requireLength("cond", c.length(), length);
        requireLength("a", as.length(), length);
        requireLength("b", bs.length(), length);
        requireLength("out", o.length(), length);
        kernel.op = ArenaKernel.WHERE;
        kernel.x = c.offset();
        kernel.y = as.offset();
        kernel.z = bs.offset();
        kernel.out = o.offset();
        launch("where", length);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int axis, int inner, Storage out) {
        ArenaStorage xs = live(x, "x");
        ArenaStorage o = live(out, "out");
        requireView("x of view", xs.length(), outer, axis, inner);
        requireView("out of view", o.length(), outer, inner);
        kernel.op = ArenaKernel.REDUCE;
        kernel.code = op == ReduceOp.SUM ? ArenaKernel.SUM : ArenaKernel.MAX;
        setView(outer, axis, inner);
        kernel.x = xs.offset();
        kernel.out = o.offset();
        launch("reduce " + op, outer * inner);
    }

    @Override
    public void argmax(Storage x, int outer, int axis, int inner, Storage out) {
        ArenaStorage xs = live(x, "x");
        ArenaStorage o = live(out, "out");
        requireView("x of view", xs.length(), outer, axis, inner);
        requireView("out of view", o.length(), outer, inner);
        requireArgmaxAxis(outer, axis, inner);
        kernel.op = ArenaKernel.ARGMAX;
        setView(outer, axis, inner);
        kernel.x = xs.offset();
        kernel.out = o.offset();
        launch("argmax", outer * inner);
    }

    private void setView(int outer, int axis, int inner) {
        kernel.outer = outer;
        kernel.axis = axis;
        kernel.inner = Math.max(inner, 1);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public void matmul(Storage a, boolean transA, Storage b, boolean transB, Storage c, int m, int k, int n) {
        ArenaStorage as = live(a, "a");
        ArenaStorage bs = live(b, "b");
        ArenaStorage cs = live(c, "c");
        requireLength("a of " + (transA ? "[k, m] = " + Shape.of(k, m) : "[m, k] = " + Shape.of(m, k)), as.length(),
                viewSize(m, k));
        requireLength("b of " + (transB ? "[n, k] = " + Shape.of(n, k) : "[k, n] = " + Shape.of(k, n)), bs.length(),
                viewSize(k, n));
        requireLength("c of [m, n] = " + Shape.of(m, n), cs.length(), viewSize(m, n));
        requireMatmulOutput(c == a, c == b);
        kernel.op = ArenaKernel.MATMUL;
        kernel.n = Math.max(n, 1);
        kernel.k = k;
        kernel.aRowStride = transA ? 1 : k;
        kernel.aInnerStride = transA ? m : 1;
        kernel.bInnerStride = transB ? 1 : n;
        kernel.bColStride = transB ? k : 1;
        kernel.x = as.offset();
        kernel.y = bs.offset();
        kernel.out = cs.offset();
        int blocks = (n + ArenaKernel.MATMUL_COLUMNS - 1) / ArenaKernel.MATMUL_COLUMNS;
        launch("matmul", m * blocks);
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public void gather(Storage x, int outer, int axis, int inner, Storage index, Storage out) {
        ArenaStorage xs = live(x, "x");
        ArenaStorage idx = live(index, "index");
        ArenaStorage o = live(out, "out");
        requireView("x of view", xs.length(), outer, axis, inner);
        requireView("index of view", idx.length(), outer, inner);
        requireView("out of view", o.length(), outer, inner);
        int count = outer * inner;
        // Work items write out while others still read x or index, so an aliased out gets a scratch copy.
        ArenaStorage target = o == xs || o == idx ? allocateUninitialised(count) : o;
        try {
            kernel.op = ArenaKernel.GATHER;
            setView(outer, axis, inner);
            kernel.x = xs.offset();
            kernel.y = idx.offset();
            kernel.out = target.offset();
            launch("gather", count);
            if (target != o) {
                copyRange(target.offset(), o.offset(), count);
            }
        } finally {
            if (target != o) {
                release(target);
            }
        }
    }

    @Override
    public void scatterAdd(Storage src, Storage index, int outer, int axis, int inner, Storage out) {
        ArenaStorage s = live(src, "src");
        ArenaStorage idx = live(index, "index");
        ArenaStorage o = live(out, "out");
        requireView("src of view", s.length(), outer, inner);
        requireView("index of view", idx.length(), outer, inner);
        requireView("out of view", o.length(), outer, axis, inner);
        int count = outer * inner;
        // An out that aliases src or index would change what other work items read.
        ArenaStorage values = o == s ? copyOf(s, count) : s;
        ArenaStorage indices = o == idx ? copyOf(idx, count) : idx;
        try {
            kernel.op = ArenaKernel.SCATTER_ADD;
            setView(outer, axis, inner);
            kernel.x = values.offset();
            kernel.y = indices.offset();
            kernel.out = o.offset();
            launch("scatterAdd", count);
        } finally {
            if (values != s) {
                release(values);
            }
            if (indices != idx) {
                release(indices);
            }
        }
    }

    private ArenaStorage copyOf(ArenaStorage s, int length) {
        ArenaStorage copy = allocateUninitialised(length);
        copyRange(s.offset(), copy.offset(), length);
        return copy;
    }

    // ---------------------------------------------------------------- sorting

    @Override
    public void sort(Storage x, int rows, int length, Storage out) {
        sortRows(x, rows, length, out, true);
    }

    @Override
    public void argsort(Storage x, int rows, int length, Storage out) {
        sortRows(x, rows, length, out, false);
    }

    /**
     * A bitonic network over rows padded to a power of two, one launch per step; ties are broken by the
     * original index, so the order is {@link Float#compare}'s and stable.
     */
    private void sortRows(Storage x, int rows, int length, Storage out, boolean values) {
        String what = values ? "sort" : "argsort";
        ArenaStorage xs = live(x, "x");
        ArenaStorage o = live(out, "out");
        requireView("x of [rows, length] =", xs.length(), rows, length);
        requireView("out of [rows, length] =", o.length(), rows, length);
        if (rows == 0 || length == 0) {
            return;
        }
        int padded = Integer.highestOneBit(length) == length ? length : Integer.highestOneBit(length) << 1;
        long scratch = (long) rows * padded;
        if (scratch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of [" + rows + ", " + length + "] needs " + scratch
                    + " floats of scratch per buffer, more than 2^31-1");
        }
        ArenaStorage keys = allocateUninitialised((int) scratch);
        ArenaStorage order = null;
        try {
            order = allocateUninitialised((int) scratch);
            kernel.padded = padded;
            kernel.inner = length;
            kernel.x = xs.offset();
            kernel.z = keys.offset();
            kernel.w = order.offset();
            kernel.op = ArenaKernel.SORT_PAD;
            launch(what, (int) scratch);
            kernel.op = ArenaKernel.SORT_STEP;
            for (int block = 2; block <= padded; block <<= 1) {
                kernel.block = block;
                for (int distance = block >> 1; distance > 0; distance >>= 1) {
                    kernel.distance = distance;
                    launch(what, (int) (scratch / 2));
                }
            }
            kernel.op = ArenaKernel.SORT_WRITE;
            kernel.sortValues = values ? 1 : 0;
            kernel.out = o.offset();
            launch(what, rows * length);
        } finally {
            release(keys);
            if (order != null) {
                release(order);
            }
        }
    }

    // ---------------------------------------------------------------- random

    @Override
    public void randomUniform(Storage out, int length, long seed, long offset) {
        random(ArenaKernel.RANDOM_UNIFORM, "randomUniform", out, length, seed, offset);
    }

    @Override
    public void randomNormal(Storage out, int length, long seed, long offset) {
        random(ArenaKernel.RANDOM_NORMAL, "randomNormal", out, length, seed, offset);
    }

    private void random(int op, String what, Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        ArenaStorage o = live(out, "out");
        requireLength("out", o.length(), length);
        kernel.op = op;
        kernel.seed = seed;
        kernel.counter = offset;
        kernel.out = o.offset();
        launch(what, length);
    }

    // ---------------------------------------------------------------- fused operations

    @Override
    public void biasActivation(Storage x, Storage bias, Storage out, int rows, int cols, UnaryOp activation) {
        ArenaStorage xs = live(x, "x");
        ArenaStorage bs = live(bias, "bias");
        ArenaStorage o = live(out, "out");
        requireView("x of [rows, cols] =", xs.length(), rows, cols);
        requireLength("bias of [cols] = [" + cols + "]", bs.length(), cols);
        requireView("out of [rows, cols] =", o.length(), rows, cols);
        kernel.op = ArenaKernel.BIAS_ACTIVATION;
        kernel.code = activation == null ? ArenaKernel.IDENTITY : code(activation);
        kernel.inner = Math.max(cols, 1);
        kernel.x = xs.offset();
        kernel.y = bs.offset();
        kernel.out = o.offset();
        launch("biasActivation " + (activation == null ? "without activation" : activation), rows * cols);
    }

    @Override
    public void softmaxCrossEntropy(Storage logits, int outer, int classes, int inner, Storage targets,
                                    Storage loss, Storage probs) {
        ArenaStorage x = live(logits, "logits");
        ArenaStorage t = live(targets, "targets");
        ArenaStorage l = live(loss, "loss");
        ArenaStorage p = live(probs, "probs");
        requireView("logits of view", x.length(), outer, classes, inner);
        requireView("targets of view", t.length(), outer, inner);
        requireView("loss of view", l.length(), outer, inner);
        requireView("probs of view", p.length(), outer, classes, inner);
        if (l == x || l == p || l == t) {
            throw new IllegalArgumentException("softmaxCrossEntropy's loss must not alias its logits, probs or targets");
        }
        kernel.op = ArenaKernel.SOFTMAX_CROSS_ENTROPY;
        setView(outer, classes, inner);
        kernel.x = x.offset();
        kernel.y = t.offset();
        kernel.z = p.offset();
        kernel.out = l.offset();
        launch("softmaxCrossEntropy", outer * inner);
    }

    @Override
    public void adamStep(Storage param, Storage grad, Storage m, Storage v, int length, float lr, float beta1,
                         float beta2, float eps, float weightDecay, int step) {
        requireNonNegative("length", length);
        ArenaStorage ps = live(param, "param");
        ArenaStorage gs = live(grad, "grad");
        ArenaStorage ms = live(m, "m");
        ArenaStorage vs = live(v, "v");
        requireLength("param", ps.length(), length);
        requireLength("grad", gs.length(), length);
        requireLength("m", ms.length(), length);
        requireLength("v", vs.length(), length);
        kernel.op = ArenaKernel.ADAM;
        kernel.x = ps.offset();
        kernel.y = gs.offset();
        kernel.z = ms.offset();
        kernel.w = vs.offset();
        kernel.lr = lr;
        kernel.beta1 = beta1;
        kernel.beta2 = beta2;
        kernel.eps = eps;
        kernel.weightDecay = weightDecay;
        // As the default composition computes them, on the host.
        kernel.correction1 = 1f - (float) Math.pow(beta1, step);
        kernel.correction2 = 1f - (float) Math.pow(beta2, step);
        launch("adamStep", length);
    }

    /** Frees the device buffers; every storage then counts as released. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            freed.clear();
            kernel.dispose();
        }
    }

    // ---------------------------------------------------------------- launching

    /**
     * Runs the kernel's current operation on {@code items} work items, on the device or not at all.
     *
     * @throws OpenClException naming {@code what} and the device when the launch failed or did not run there
     */
    private void launch(String what, int items) {
        if (items == 0) {
            return;
        }
        checkOpen();
        kernel.count = items;
        int global = (int) Math.min(Integer.MAX_VALUE / group * (long) group, ((long) items + group - 1) / group * group);
        try {
            kernel.execute(Range.create(device, global, group));
        } catch (FallbackGuard.FallbackRefused e) {
            throw new OpenClException(what + " could not run on OpenCL device " + deviceName
                    + " (Aparapi would have run it in Java instead): " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            throw new OpenClException(what + " failed on OpenCL device " + deviceName + ": " + e, e);
        }
        if (!kernel.isRunningCL() || !preferences.getFailedDevices().isEmpty()) {
            throw new OpenClException(what + " did not run on OpenCL device " + deviceName
                    + " (failed devices: " + preferences.getFailedDevices() + ")");
        }
    }

    private static int code(UnaryOp op) {
        return switch (op) {
            case NEG -> ArenaKernel.NEG;
            case ABS -> ArenaKernel.ABS;
            case EXP -> ArenaKernel.EXP;
            case LOG -> ArenaKernel.LOG;
            case SQRT -> ArenaKernel.SQRT;
            case TANH -> ArenaKernel.TANH;
            case SIGMOID -> ArenaKernel.SIGMOID;
            case RELU -> ArenaKernel.RELU;
            case SIGN -> ArenaKernel.SIGN;
            case ROUND -> ArenaKernel.ROUND;
            case SQUARE -> ArenaKernel.SQUARE;
            case RECIPROCAL -> ArenaKernel.RECIPROCAL;
        };
    }

    private static int code(BinaryOp op) {
        return switch (op) {
            case ADD -> ArenaKernel.ADD;
            case SUB -> ArenaKernel.SUB;
            case MUL -> ArenaKernel.MUL;
            case DIV -> ArenaKernel.DIV;
            case POW -> ArenaKernel.POW;
            case MAX -> ArenaKernel.MAX;
            case MIN -> ArenaKernel.MIN;
            case GT -> ArenaKernel.GT;
            case GE -> ArenaKernel.GE;
            case LT -> ArenaKernel.LT;
            case LE -> ArenaKernel.LE;
            case EQ -> ArenaKernel.EQ;
        };
    }

    // ---------------------------------------------------------------- argument checks

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the OpenCL backend on " + deviceName + " is closed");
        }
    }

    private ArenaStorage own(Storage storage, String what) {
        if (storage == null) {
            throw new NullPointerException(what + " is null");
        }
        if (!(storage instanceof ArenaStorage s) || s.owner() != this) {
            throw new IllegalArgumentException(what + " (" + storage + ") was not allocated by this OpenCL backend");
        }
        return s;
    }

    private ArenaStorage live(Storage storage, String what) {
        checkOpen();
        ArenaStorage s = own(storage, what);
        if (s.isReleased()) {
            throw new IllegalStateException(what + " has been released");
        }
        return s;
    }
}
