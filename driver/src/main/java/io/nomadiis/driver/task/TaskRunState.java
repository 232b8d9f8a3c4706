package io.nomadiis.driver.task;

/** Whether a task runs; mirrors Nomad's {@code TaskRunState}. */
public enum TaskRunState {
    RUNNING,
    EXITED
}
