package io.entroflow.operators.ordinal;

/**
 * Forbidden (never observed) ordinal patterns and how many a white-noise stream would miss by
 * chance. Stateless, thread-safe.
 *
 * <p>A deterministic map cannot produce some patterns at all (the logistic map at r = 4 never
 * makes the falling triple {@code [2,1,0]}), while a random stream produces every pattern
 * eventually, but a short window misses some by chance. Amigó, Zambrano &amp; Sanjuán (EPL 79,
 * 50001, 2007; doi:10.1209/0295-5075/79/50001) estimate the number of patterns a white-noise
 * stream of M patterns misses as N(1 &minus; 1/N)<sup>M</sup>, treating the M (overlapping,
 * hence weakly dependent) patterns as independent draws from the N = d! equally likely ones;
 * for M &gt;&gt; N it is about N&middot;e<sup>&minus;M/N</sup>. A count of missing patterns well above
 * this expectation is a real signature of determinism; a count near it says only that the
 * window is short.
 *
 * <p>The approximation errs on the high side, most for small N and long windows: simulated white
 * noise misses 0.88 of it at d = 4, M = 2N (2.75 patterns against 3.11), 0.72 at d = 4, M = 5N and
 * 0.43 at d = 3, M = 5N, but 0.95&ndash;0.98 at d = 5 and 0.99 at d = 6 for M = N..5N. Read it as an
 * upper estimate of chance misses. For comparison, the r = 4 logistic map never shows 1, 12, 89,
 * 645 and 4,862 of the patterns at d = 3..7 (5, 12, 31, 75 and 178 allowed), the same on orbits of
 * 2&middot;10<sup>7</sup> values from six starting points.
 */
public final class ForbiddenPatterns {
    private ForbiddenPatterns() {
    }

    /**
     * Expected number of the N patterns never seen in {@code patterns} patterns of white noise:
     * N(1 &minus; 1/N)<sup>M</sup>.
     *
     * @param patternCount N = d!, &ge; 2
     * @param patterns     M, patterns observed, &ge; 0 (may be fractional for decay windows)
     */
    public static double expectedMissingInWhiteNoise(int patternCount, double patterns) {
        if (patternCount < 2) {
            throw new IllegalArgumentException("patternCount: expected >= 2, got " + patternCount);
        }
        if (!(patterns >= 0) || Double.isInfinite(patterns)) {
            throw new IllegalArgumentException("patterns: expected a finite value >= 0, got " + patterns);
        }
        return patternCount * Math.exp(patterns * Math.log1p(-1.0 / patternCount));
    }
}
