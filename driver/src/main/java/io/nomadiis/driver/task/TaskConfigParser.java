package io.nomadiis.driver.task;

import io.nomadiis.driver.config.IisTaskConfig;

/** Decodes and validates a task's cty-msgpack {@code config} block. */
@FunctionalInterface
public interface TaskConfigParser {

    /** The decoded config; a bad config is an {@link DriverException.Kind#INVALID_ARGUMENT} error. */
    IisTaskConfig decode(byte[] msgpack) throws DriverException;
}
