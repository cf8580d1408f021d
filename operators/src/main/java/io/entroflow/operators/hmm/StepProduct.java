package io.entroflow.operators.hmm;

/**
 * A product of unnormalised forward-recursion steps of an HMM, G<sub>i</sub> &middot; G<sub>i+1</sub>
 * &middot;&middot;&middot; G<sub>j</sub> with G<sub>t</sub> = diag(s<sub>t</sub>) A (s<sub>t</sub> the
 * observation's scaled emission densities, A the transition matrix), so that a predicted
 * distribution v before x<sub>i</sub> becomes v G<sub>i</sub>&middot;&middot;&middot;G<sub>j</sub>, the
 * unnormalised prediction before x<sub>j+1</sub>, whose total is the likelihood of x<sub>i..j</sub>.
 *
 * <p>Held as a K&times;K matrix of mantissas whose largest entry is in [1, 2) (or all zero), a binary
 * exponent, and the sum of the steps' density scales (natural log): the value is
 * m &middot; 2<sup>exponent</sup> &middot; e<sup>scales</sup>. Rescaling by powers of two is exact, so a
 * product never underflows and its rounding is that of the plain product. Mutable, no allocation
 * after construction; one thread.
 */
final class StepProduct {
    private final int k;
    final double[] m;
    int exponent;
    double scales;

    StepProduct(int k) {
        this.k = k;
        this.m = new double[k * k];
    }

    /** This = G = diag(s) A, with {@code s = densities[offset..offset+K)} and its {@code scale}. O(K<sup>2</sup>). */
    void setStep(double[] transition, double[] densities, int offset, double scale) {
        for (int i = 0; i < k; i++) {
            double s = densities[offset + i];
            int row = i * k;
            for (int j = 0; j < k; j++) {
                m[row + j] = s * transition[row + j];
            }
        }
        exponent = 0;
        scales = scale;
        normalise();
    }

    /** This = this &middot; G (one more step on the right). O(K<sup>3</sup>); {@code tmp} holds K<sup>2</sup>. */
    void timesStep(double[] transition, double[] densities, int offset, double scale, double[] tmp) {
        for (int i = 0; i < k; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += m[row + l] * densities[offset + l] * transition[l * k + j];
                }
                tmp[row + j] = sum;
            }
        }
        System.arraycopy(tmp, 0, m, 0, k * k);
        scales += scale;
        normalise();
    }

    /** This = G &middot; {@code next} (one more step on the left). O(K<sup>3</sup>). */
    void setStepTimes(double[] transition, double[] densities, int offset, double scale, StepProduct next) {
        for (int i = 0; i < k; i++) {
            double s = densities[offset + i];
            int row = i * k;
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += transition[row + l] * next.m[l * k + j];
                }
                m[row + j] = s * sum;
            }
        }
        exponent = next.exponent;
        scales = scale + next.scales;
        normalise();
    }

    void copyFrom(StepProduct other) {
        System.arraycopy(other.m, 0, m, 0, k * k);
        exponent = other.exponent;
        scales = other.scales;
    }

    /**
     * {@code v = v · this} for a row vector of mantissas {@code v} (largest in [1, 2) or all zero);
     * returns the vector's new binary exponent offset (this product's exponent plus the rescaling).
     * O(K<sup>2</sup>); {@code tmp} holds K.
     */
    int leftMultiply(double[] v, double[] tmp) {
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += v[i] * m[i * k + j];
            }
            tmp[j] = sum;
        }
        System.arraycopy(tmp, 0, v, 0, k);
        return exponent + normaliseVector(v);
    }

    /** Rescales {@code v} by a power of two so its largest entry is in [1, 2); returns the exponent taken out. */
    static int normaliseVector(double[] v) {
        return rescale(v, v.length);
    }

    private void normalise() {
        exponent += rescale(m, k * k);
    }

    private static int rescale(double[] x, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        if (!(max > 0) || Double.isInfinite(max)) {
            return 0; // all zero (an impossible step) or not finite: the caller falls back
        }
        int e = Math.getExponent(max);
        if (e == Double.MIN_EXPONENT - 1) { // subnormal maximum: bring it into the normal range first
            for (int i = 0; i < n; i++) {
                x[i] = Math.scalb(x[i], 64);
            }
            return rescale(x, n) - 64;
        }
        if (e != 0) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.scalb(x[i], -e);
            }
        }
        return e;
    }
}
