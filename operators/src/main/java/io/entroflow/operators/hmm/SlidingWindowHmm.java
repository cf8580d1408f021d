package io.entroflow.operators.hmm;

/**
 * The HMM filter over a sliding count window: after each event, the scaled forward recursion of
 * {@link HmmFilter} restarted from the model's initial distribution &pi; and run over the window's
 * last n observations x<sub>t&minus;n+1..t</sub>, so that the result depends on those n events only
 * (and can be rebuilt from them). Its step is the window's last: surprise &minus;ln
 * p(x<sub>t</sub> | x<sub>t&minus;n+1..t&minus;1</sub>), log-likelihood &Sigma; ln p over the window,
 * posterior after x<sub>t</sub>.
 *
 * <p><b>How.</b> The recursion is linear before its normalisations: the unnormalised prediction
 * before x<sub>t</sub> is v = &pi; G<sub>t&minus;n+1</sub> &middot;&middot;&middot; G<sub>t&minus;1</sub> with
 * G<sub>i</sub> = diag(s<sub>i</sub>) A ({@link StepProduct}; s<sub>i</sub> the observation's scaled
 * densities, computed once when it arrives; for AR(1) emissions the window's first observation is
 * scored again with x<sub>prev</sub> = 0, as a new filter sees it), and the likelihood of
 * x<sub>t&minus;n+1..t&minus;1</sub> is its total. The product over a sliding range is assembled from
 * blocks of B = the largest power of two &le; min(64, range length) positions (counted from this
 * instance's first observation): a suffix of the oldest block (suffix products, computed once per block,
 * right to left), the products of the whole blocks in between, and the prefix of the newest block (kept
 * as it grows). Then the last step runs as a {@link HmmFilter} step from v/&Sigma;v, so surprise,
 * posterior and state follow the filter's own arithmetic.
 *
 * <p><b>Exactness.</b> The results equal those of a new {@link HmmFilter} fed the window's observations up
 * to rounding: the same sums, associated differently (relative differences of order n&middot;2<sup>&minus;52</sup>,
 * {@code SlidingWindowHmmProperties}). While the window is filling (fewer than n observations), and
 * whenever the product vanishes (an observation impossible under every state the recursion allows, where
 * the filter restarts from its prior), the window is rerun step by step, bit for bit as the filter. The
 * results are a function of the window's observations and of the position of this instance's first
 * observation modulo 64 ({@link #ALIGNMENT}): an instance fed the last m &ge; n observations of another, m
 * a multiple of 64 back from it, gives the same results, bit for bit, from then on (how the
 * streaming topology rebuilds an operator from its journal, whose chunks hold 64 events).
 *
 * <p><b>Cost per event</b>: O(K<sup>3</sup> + (n/B + 3) K<sup>2</sup>) arithmetic (amortised: each block's
 * suffix products once), two logarithms, one density evaluation (two for AR(1)); O(n&middot;K) while the
 * window fills (O(n) steps and logarithms). Memory O((n + 64) K<sup>2</sup>). No allocation. Not
 * thread-safe (one writer). {@link HmmStep#index()}, {@link HmmStep#regime()} and
 * {@link HmmStep#regimeChange()} of the returned step describe the last step alone.
 */
public final class SlidingWindowHmm {
    /** Block positions are counted modulo this (the topology journal's chunk size). */
    public static final int ALIGNMENT = 64;
    private final HmmFilter filter;
    private final Emission emission;
    private final boolean dependsOnPrevious;
    private final int k;
    private final int n;
    private final double[] transition;
    private final double[] initial;
    private final double[] values;
    private final long[] times;
    /** Per slot (position mod n), the observation's scaled densities after its predecessor (K each). */
    private final double[] densities;
    private final double[] scales;
    /** The window's first observation scored after 0 (AR(1) only). */
    private final double[] firstDensities;
    private final double[] pending;
    private int size;
    /** Observations admitted since this instance was created: the next one's position. */
    private long next;

    private final int block;
    /** Product of the newest block's positions so far, and before its newest position. */
    private final StepProduct prefix;
    private final StepProduct prefixBefore;
    /** Per block number mod {@code whole.length}: the product of a completed block's positions. */
    private final StepProduct[] whole;
    /** Suffix products of block {@link #suffixBlock}: index p mod B holds G<sub>p</sub>...G<sub>end</sub>. */
    private final StepProduct[] suffix;
    private long suffixBlock = -1;
    private final StepProduct first;
    private final double[] vector;
    private final double[] predicted;
    private final double[] tmpMatrix;
    private final double[] tmpVector;

    /**
     * @param model  the HMM
     * @param window n &ge; 1, the observations the filter is rerun over
     */
    public SlidingWindowHmm(HmmModel model, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window: must be at least 1, got " + window);
        }
        this.filter = new HmmFilter(model);
        this.emission = model.emission();
        this.dependsOnPrevious = emission instanceof Ar1GaussianEmission;
        this.k = model.states();
        this.n = window;
        this.transition = model.transitionFlat();
        this.initial = model.initial();
        this.values = new double[window];
        this.times = new long[window];
        this.densities = new double[window * k];
        this.scales = new double[window];
        this.firstDensities = new double[k];
        this.pending = new double[k];
        int range = Math.max(1, dependsOnPrevious ? window - 2 : window - 1);
        this.block = Math.min(ALIGNMENT, Integer.highestOneBit(range));
        this.prefix = new StepProduct(k);
        this.prefixBefore = new StepProduct(k);
        this.whole = new StepProduct[window / block + 3];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = new StepProduct(k);
        }
        this.suffix = new StepProduct[block];
        for (int i = 0; i < block; i++) {
            suffix[i] = new StepProduct(k);
        }
        this.first = new StepProduct(k);
        this.vector = new double[k];
        this.predicted = new double[k];
        this.tmpMatrix = new double[k * k];
        this.tmpVector = new double[k];
    }

    /**
     * Admits {@code x} at {@code timeMillis} (the oldest observation leaves a full window) and returns
     * the window's last step, a view valid until the next call.
     *
     * @throws io.entroflow.operators.RejectedEventException for an observation the emission cannot
     *         score; the window is then unchanged
     */
    public HmmStep update(long timeMillis, double x) {
        emission.checkObservation(x);
        double previousValue = size == 0 ? 0 : values[slot(next - 1)];
        double scale = emission.scaledDensities(x, previousValue, pending);
        long t = next++;
        int slot = slot(t);
        values[slot] = x;
        times[slot] = timeMillis;
        scales[slot] = scale;
        System.arraycopy(pending, 0, densities, slot * k, k);
        size = Math.min(size + 1, n);
        extendPrefix(t, slot);
        if (size < n || n == 1) {
            return rerun();
        }
        HmmStep last = fromProduct(t);
        return last != null ? last : rerun();
    }

    /** The newest block's prefix with position {@code t}; a completed block's product kept whole. */
    private void extendPrefix(long t, int slot) {
        if (t % block == 0) {
            prefix.setStep(transition, densities, slot * k, scales[slot]);
        } else {
            prefixBefore.copyFrom(prefix);
            prefix.timesStep(transition, densities, slot * k, scales[slot], tmpMatrix);
        }
        if (t % block == block - 1) {
            whole[(int) ((t / block) % whole.length)].copyFrom(prefix);
        }
    }

    /**
     * The last step of the full window ending at {@code t} from the product of its steps before
     * {@code t}; null when that product vanishes or is not finite (the caller reruns the window).
     */
    private HmmStep fromProduct(long t) {
        long oldest = t - n + 1;
        System.arraycopy(initial, 0, vector, 0, k);
        int exponent = StepProduct.normaliseVector(vector);
        double scaleSum = 0;
        long from = oldest;
        if (dependsOnPrevious && n > 1) { // the window's first observation as a new filter scores it
            int s = slot(oldest);
            double firstScale = emission.scaledDensities(values[s], 0, firstDensities);
            first.setStep(transition, firstDensities, 0, firstScale);
            exponent += first.leftMultiply(vector, tmpVector);
            scaleSum += first.scales;
            from = oldest + 1;
        }
        long to = t - 1;
        if (from <= to) {
            long fromBlock = from / block;
            long toBlock = to / block;
            if (fromBlock < toBlock) {
                StepProduct head = from % block == 0 ? wholeBlock(fromBlock) : suffix(fromBlock, from);
                exponent += head.leftMultiply(vector, tmpVector);
                scaleSum += head.scales;
                for (long b = fromBlock + 1; b < toBlock; b++) {
                    StepProduct middle = wholeBlock(b);
                    exponent += middle.leftMultiply(vector, tmpVector);
                    scaleSum += middle.scales;
                }
            } // else: the range is one whole block (it is at least a block long), i.e. the prefix below
            StepProduct tail = to % block == block - 1 ? wholeBlock(toBlock) : prefixBefore;
            exponent += tail.leftMultiply(vector, tmpVector);
            scaleSum += tail.scales;
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += vector[j];
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            return null;
        }
        for (int j = 0; j < k; j++) {
            predicted[j] = vector[j] / total;
        }
        double before = Math.log(total) + exponent * LN2 + scaleSum;
        int s = slot(t);
        filter.startFrom(predicted, before, values[slot(t - 1)]);
        return filter.update(times[s], values[s], densities, s * k, scales[s]);
    }

    private static final double LN2 = Math.log(2);

    private StepProduct wholeBlock(long b) {
        return whole[(int) (b % whole.length)];
    }

    /** G<sub>from</sub>...G<sub>end of its block</sub>, the block's suffix products computed on first use. */
    private StepProduct suffix(long b, long from) {
        if (suffixBlock != b) {
            long start = b * block;
            long end = start + block - 1;
            int s = slot(end);
            suffix[block - 1].setStep(transition, densities, s * k, scales[s]);
            for (long p = end - 1; p > start; p--) {
                s = slot(p);
                suffix[(int) (p - start)].setStepTimes(transition, densities, s * k, scales[s],
                        suffix[(int) (p - start + 1)]);
            }
            suffixBlock = b;
        }
        return suffix[(int) (from - b * block)];
    }

    /** The window rerun step by step by the filter from &pi;: bit for bit a new filter fed the window. */
    private HmmStep rerun() {
        filter.reset();
        HmmStep last = null;
        for (long p = next - size; p < next; p++) {
            int s = slot(p);
            if (p == next - size && dependsOnPrevious) {
                double firstScale = emission.scaledDensities(values[s], 0, firstDensities);
                last = filter.update(times[s], values[s], firstDensities, 0, firstScale);
            } else {
                last = filter.update(times[s], values[s], densities, s * k, scales[s]);
            }
        }
        return last;
    }

    private int slot(long position) {
        return (int) (position % n);
    }

    /** Observations in the window, 0..n. */
    public int size() {
        return size;
    }

    /** Event time of the window's oldest observation (undefined when empty). */
    public long oldestTime() {
        return times[slot(next - size)];
    }

    /** Event time of the window's newest observation (undefined when empty). */
    public long newestTime() {
        return times[slot(next - 1)];
    }
}
