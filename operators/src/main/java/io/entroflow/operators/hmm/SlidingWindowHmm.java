package io.entroflow.operators.hmm;

/**
 * The HMM filter over a sliding count window: after each event, the scaled forward recursion of
 * {@link HmmFilter} restarted from the model's initial distribution &pi; and run over the window's
 * last n observations x<sub>t&minus;n+1..t</sub>, so that the result depends on those n events only
 * (and can be rebuilt from them). Its step is the window's last: surprise &minus;ln
 * p(x<sub>t</sub> | x<sub>t&minus;n+1..t&minus;1</sub>), log-likelihood &Sigma; ln p over the window,
 * posterior after x<sub>t</sub>.
 *
 * <p>Bit for bit what a new {@link HmmFilter} fed the window's observations gives: the same steps in
 * the same order, but each observation's scaled emission densities p<sub>j</sub>(x | x<sub>prev</sub>)
 * are computed once, when it arrives, and kept with it (for AR(1) emissions the window's first
 * observation is scored again with x<sub>prev</sub> = 0, as a new filter sees it), and one filter is
 * reset instead of a new one allocated per event.
 *
 * <p>Cost per event: O(n&middot;K<sup>2</sup>) arithmetic and n logarithms (one per step, for the
 * likelihood), one density evaluation (two for AR(1)); memory O(n&middot;K); no allocation. Not
 * thread-safe (one writer).
 */
public final class SlidingWindowHmm {
    private final HmmFilter filter;
    private final Emission emission;
    private final boolean dependsOnPrevious;
    private final int k;
    private final int n;
    private final double[] values;
    private final long[] times;
    /** Per slot, the observation's scaled densities after its predecessor (K each). */
    private final double[] densities;
    private final double[] scales;
    /** The window's first observation scored after 0 (AR(1) only). */
    private final double[] firstDensities;
    private final double[] pending;
    private int size;
    private int head;

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
        this.values = new double[window];
        this.times = new long[window];
        this.densities = new double[window * k];
        this.scales = new double[window];
        this.firstDensities = new double[k];
        this.pending = new double[k];
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
        double previousValue = size == 0 ? 0 : values[(head + size - 1) % n];
        double scale = emission.scaledDensities(x, previousValue, pending);
        if (size == n) {
            head = (head + 1) % n; // the oldest leaves; its slot takes x below
        } else {
            size++;
        }
        int slot = (head + size - 1) % n;
        values[slot] = x;
        times[slot] = timeMillis;
        scales[slot] = scale;
        System.arraycopy(pending, 0, densities, slot * k, k);

        filter.reset();
        HmmStep last = null;
        for (int i = 0; i < size; i++) {
            int s = (head + i) % n;
            if (i == 0 && dependsOnPrevious) {
                double firstScale = emission.scaledDensities(values[s], 0, firstDensities);
                last = filter.update(times[s], values[s], firstDensities, 0, firstScale);
            } else {
                last = filter.update(times[s], values[s], densities, s * k, scales[s]);
            }
        }
        return last;
    }

    /** Observations in the window, 0..n. */
    public int size() {
        return size;
    }

    /** Event time of the window's oldest observation (undefined when empty). */
    public long oldestTime() {
        return times[head];
    }

    /** Event time of the window's newest observation (undefined when empty). */
    public long newestTime() {
        return times[(head + size - 1) % n];
    }
}
