package io.nomadiis.driver.task;

/** Whether a task runs; mirrors Nomad's {@code TaskState}. */
public enum TaskState {
    RUNNING,
    EXITED
}
