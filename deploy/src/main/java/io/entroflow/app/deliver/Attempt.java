package io.entroflow.app.deliver;

/**
 * The result of one HTTP attempt.
 *
 * @param status the HTTP status, or 0 when there was no answer (connection refused, timeout)
 * @param error  null on success, else a one-line description (the status and the start of the answer's body,
 *               or the I/O error)
 */
public record Attempt(int status, String error) {
    /** 2xx. */
    public boolean delivered() {
        return error == null;
    }

    /**
     * Worth another try: no answer, 408 (timeout), 425 (too early), 429 (too many requests) or any 5xx.
     * Other 4xx answers say the request itself is wrong, so it is not repeated.
     */
    public boolean retryable() {
        return !delivered() && (status == 0 || status == 408 || status == 425 || status == 429 || status >= 500);
    }
}
