package io.entroflow.operators.conformal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * What LORD++ and SAFFRON share: tests so far, the rejection times &tau;_j and, for SAFFRON, the
 * candidates counted with their count at each rejection; the wealth sum both rules spend, their
 * decisions, accessors and checkpoint. With C_j the candidates among tests &tau;_j+1 .. t&minus;1
 * (C0: among 1 .. t&minus;1; all 0 for LORD++) and s the spending rate:
 * <pre>
 * {@link #level} = W0 &gamma;_{t&minus;C0} + (s &minus; W0) &gamma;_{t&minus;&tau;1&minus;C1} + s &Sigma;_{j&ge;2} &gamma;_{t&minus;&tau;j&minus;Cj}
 * </pre>
 * summed in order, O(R) per test. A rule's {@code test} (its own) is {@link #level} then
 * {@link #decide}. Checkpoint:
 * <pre>
 * tag, version 1 | the rule's parameters (raw bits, compared on restore) | tests, [candidates], &tau;, [candidate counts at &tau;]
 * </pre>
 * (bracketed parts SAFFRON only). Fields are private; subclasses add their parameters only.
 */
abstract sealed class FdrRuleBase permits LordPlusPlus, Saffron {
    private static final int VERSION = 1;

    private final int stateTag;
    private final String rule;
    private final boolean countsCandidates;
    private final String[] names;
    private final double[] parameters;
    private RejectionTimes times = new RejectionTimes();
    private RejectionTimes candidatesAt = new RejectionTimes(); // candidates among 1..tau_j (SAFFRON)
    private long tests;
    private long candidates;

    /**
     * @param rule             the rule's name in state messages ({@code "LORD++"})
     * @param countsCandidates true for SAFFRON
     * @param names            the parameters' names, q first
     * @param parameters       the parameters (q first), written to the state and compared bit for bit on restore
     */
    FdrRuleBase(int stateTag, String rule, boolean countsCandidates, String[] names, double... parameters) {
        this.stateTag = stateTag;
        this.rule = rule;
        this.countsCandidates = countsCandidates;
        this.names = names;
        this.parameters = parameters;
    }

    /** The wealth sum for the next test, with initial wealth {@code w0} and spending rate {@code spend}. O(R). */
    final double level(double w0, double spend) {
        long t = tests + 1;
        double level = w0 * GammaSequence.gamma(t - candidates);
        int r = times.size();
        if (r > 0) {
            level += (spend - w0) * GammaSequence.gamma(t - times.get(0) - (candidates - candidatesAt(0)));
            double rest = 0;
            for (int j = 1; j < r; j++) {
                rest += GammaSequence.gamma(t - times.get(j) - (candidates - candidatesAt(j)));
            }
            level += spend * rest;
        }
        return level;
    }

    private long candidatesAt(int j) {
        return countsCandidates ? candidatesAt.get(j) : 0;
    }

    /** Counts the test of {@code pValue} at {@code level} (and the candidate) and records a rejection. */
    final FdrDecision decide(double pValue, double level, boolean candidate) {
        long t = ++tests;
        if (candidate) {
            candidates++;
        }
        boolean rejected = pValue <= level;
        if (rejected) {
            times.add(t);
            if (countsCandidates) {
                candidatesAt.add(candidates);
            }
        }
        return new FdrDecision(t, pValue, level, rejected, candidate);
    }

    /** Tests so far. */
    public final long tests() {
        return tests;
    }

    /** Rejections (discoveries) so far. */
    public final long rejections() {
        return times.size();
    }

    /** The target FDR q. */
    public final double targetFdr() {
        return parameters[0];
    }

    /** Exact state: parameters, counters, rejection times (with their candidate counts). O(R). */
    public final byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(stateTag).putInt(VERSION);
        for (double p : parameters) {
            out.putDouble(p);
        }
        out.putLong(tests);
        if (countsCandidates) {
            out.putLong(candidates);
        }
        times.write(out);
        if (countsCandidates) {
            candidatesAt.write(out);
        }
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of the same rule and parameters; nothing changes
     * when the state is refused.
     *
     * @throws IllegalArgumentException for a state of another rule, version or parameters, or a corrupt state
     */
    public final void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(stateTag, VERSION, rule);
        double[] theirs = new double[parameters.length];
        boolean same = true;
        for (int i = 0; i < parameters.length; i++) {
            theirs[i] = in.getDouble();
            same &= Double.doubleToRawLongBits(theirs[i]) == Double.doubleToRawLongBits(parameters[i]);
        }
        if (!same) {
            throw new IllegalArgumentException("state: " + rule + " of " + describe(theirs)
                    + " restored into one of " + describe(parameters));
        }
        long t = in.getLong();
        long c = countsCandidates ? in.getLong() : 0;
        RejectionTimes tau = new RejectionTimes();
        tau.read(in);
        RejectionTimes at = new RejectionTimes();
        if (countsCandidates) {
            at.read(in);
        }
        in.expectEnd();
        if (countsCandidates && tau.size() != at.size()) {
            throw new IllegalArgumentException("state: " + rule + " with " + tau.size() + " rejection times and "
                    + at.size() + " candidate counts");
        }
        tests = t;
        candidates = c;
        times = tau;
        candidatesAt = at;
    }

    private String describe(double[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append(" = ").append(values[i]);
        }
        return s.toString();
    }
}
