package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;

/** Turns what an {@link AdminCalls} task threw into the {@link io.nomadiis.iis.IisHost} contract's exception. */
final class AdminFailures {
    private AdminFailures() {}

    /** The exception for a failed call: an {@link AppHostException} labelled by its HRESULT's meaning. */
    static IisException translate(String operation, String object, Throwable failure) {
        return translate(operation, object, failure, HResults.Call.OTHER);
    }

    /** Like {@link #translate(String, String, Throwable)} for a call whose kind changes what some codes mean. */
    static IisException translate(String operation, String object, Throwable failure, HResults.Call call) {
        if (failure instanceof IisException iis) {
            return iis;
        }
        if (failure instanceof AppHostException host) {
            return ComFailure.of(operation, object, host, call).toException(host);
        }
        return new IisException("failed to " + operation + " \"" + object + "\": " + failure, failure);
    }
}
