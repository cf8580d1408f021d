package io.entroflow.operators.internal.window;

/**
 * Receives the changes an {@link EventWindow} makes to the set of counted events. An operator
 * implements it to update its histograms; the payload is whatever the operator offered with
 * the event (a symbol, or a joint code of several symbols).
 */
public interface WindowListener {
    /** An event enters the window with {@code weight}. */
    void enter(long payload, double weight);

    /** An event leaves the window, taking back the {@code weight} it entered with. */
    void leave(long payload, double weight);

    /** Every weight in the window is multiplied by {@code factor} (decay windows only; a power of two). */
    void rescale(double factor);
}
