package io.nomadiis.driver.task;

import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.config.TaskConfigSpec;

/** Decodes task configs with {@link TaskConfigSpec}: the cty-msgpack bytes Nomad sends in StartTask. */
public final class CtyTaskConfigParser implements TaskConfigParser {

    @Override
    public IisTaskConfig decode(byte[] msgpack) throws DriverException {
        try {
            return TaskConfigSpec.decode(msgpack);
        } catch (InvalidConfigException e) {
            throw DriverException.invalid(e.getMessage());
        } catch (RuntimeException e) {
            throw DriverException.invalid("invalid config: " + e.getMessage());
        }
    }
}
