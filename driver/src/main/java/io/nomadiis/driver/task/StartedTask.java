package io.nomadiis.driver.task;

/**
 * What StartTask returns for the handle Nomad persists.
 *
 * @param handleVersion the handle version ({@link io.nomadiis.driver.task.state.DriverStateCodec#HANDLE_VERSION})
 * @param driverState the encoded driver state
 */
public record StartedTask(int handleVersion, byte[] driverState) {}
