package io.entroflow.operators.signal;

import java.util.List;

/**
 * A three-dimensional autonomous ODE integrated by the classical fourth-order Runge-Kutta method
 * with a fixed step dt, sampled every {@code stride} steps; columns {@code x}, {@code y}, {@code z}.
 * The first row is the initial state. Deterministic; O(stride) per sample. Shared by
 * {@link #lorenz} and {@link #rossler}.
 */
public final class ContinuousFlow implements SignalGenerator {
    /** The vector field: writes d(x,y,z)/dt at {@code s} into {@code out}. */
    @FunctionalInterface
    interface Field {
        void derivative(double[] s, double[] out);
    }

    private final Field field;
    private final double dt;
    private final int stride;
    private final double[] s;
    private final double[] k1 = new double[3];
    private final double[] k2 = new double[3];
    private final double[] k3 = new double[3];
    private final double[] k4 = new double[3];
    private final double[] tmp = new double[3];

    private ContinuousFlow(Field field, double dt, int stride, double x0, double y0, double z0) {
        this.field = field;
        this.dt = Checks.positive("dt", dt);
        if (stride < 1) {
            throw new IllegalArgumentException("stride: expected >= 1, got " + stride);
        }
        this.stride = stride;
        this.s = new double[] {Checks.finite("x0", x0), Checks.finite("y0", y0), Checks.finite("z0", z0)};
    }

    /**
     * The Lorenz system dx/dt = &sigma;(y &minus; x), dy/dt = x(&rho; &minus; z) &minus; y, dz/dt = xy &minus; &beta;z;
     * chaotic at &sigma; = 10, &rho; = 28, &beta; = 8/3 (dt = 0.01 is a safe step).
     */
    public static ContinuousFlow lorenz(double sigma, double rho, double beta, double dt, int stride,
                                        double x0, double y0, double z0) {
        Checks.finite("sigma", sigma);
        Checks.finite("rho", rho);
        Checks.finite("beta", beta);
        return new ContinuousFlow((v, out) -> {
            out[0] = sigma * (v[1] - v[0]);
            out[1] = v[0] * (rho - v[2]) - v[1];
            out[2] = v[0] * v[1] - beta * v[2];
        }, dt, stride, x0, y0, z0);
    }

    /**
     * The R&ouml;ssler system dx/dt = &minus;y &minus; z, dy/dt = x + ay, dz/dt = b + z(x &minus; c);
     * chaotic at a = 0.2, b = 0.2, c = 5.7 (dt = 0.05 is a safe step).
     */
    public static ContinuousFlow rossler(double a, double b, double c, double dt, int stride,
                                         double x0, double y0, double z0) {
        Checks.finite("a", a);
        Checks.finite("b", b);
        Checks.finite("c", c);
        return new ContinuousFlow((v, out) -> {
            out[0] = -v[1] - v[2];
            out[1] = v[0] + a * v[1];
            out[2] = b + v[2] * (v[0] - c);
        }, dt, stride, x0, y0, z0);
    }

    @Override
    public List<String> columns() {
        return List.of("x", "y", "z");
    }

    @Override
    public void next(double[] row) {
        row[0] = s[0];
        row[1] = s[1];
        row[2] = s[2];
        for (int i = 0; i < stride; i++) {
            step();
        }
    }

    private void step() {
        field.derivative(s, k1);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k1[i];
        }
        field.derivative(tmp, k2);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k2[i];
        }
        field.derivative(tmp, k3);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + dt * k3[i];
        }
        field.derivative(tmp, k4);
        for (int i = 0; i < 3; i++) {
            s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        if (!Double.isFinite(s[0] + s[1] + s[2])) {
            throw new IllegalStateException("flow: the integration diverged; use a smaller dt (got " + dt + ")");
        }
    }
}
