package io.entroflow.operators.signal;

import java.util.List;

/**
 * The H&eacute;non map x<sub>t+1</sub> = 1 &minus; a&middot;x<sub>t</sub>&sup2; + y<sub>t</sub>,
 * y<sub>t+1</sub> = b&middot;x<sub>t</sub>; columns {@code x}, {@code y}. Chaotic at the classic
 * a = 1.4, b = 0.3 (strange attractor in |x| &lt; 1.3). The first row is (x<sub>0</sub>, y<sub>0</sub>).
 * Deterministic; O(1) per sample.
 */
public final class HenonMap implements SignalGenerator {
    private final double a;
    private final double b;
    private double x;
    private double y;

    public HenonMap(double a, double b, double x0, double y0) {
        this.a = Checks.finite("a", a);
        this.b = Checks.finite("b", b);
        this.x = Checks.finite("x0", x0);
        this.y = Checks.finite("y0", y0);
    }

    @Override
    public List<String> columns() {
        return List.of("x", "y");
    }

    @Override
    public void next(double[] row) {
        row[0] = x;
        row[1] = y;
        double nx = 1 - a * x * x + y;
        y = b * x;
        x = nx;
    }
}
