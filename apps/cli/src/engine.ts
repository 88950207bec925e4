import { type Config, DEFAULT_TIME_ZONE, type Engine } from '@jianzheng/core';
import { loadCity } from '@jianzheng/core/node';

export interface LoadedEngine {
  engine: Engine;
  config: Config | undefined;
  /** The zone dates are shown in (domain.md §9 `timeZone`). */
  timeZone: string;
}

/**
 * The city's engine: its configuration file (domain.md §9) with its plugins when given, else the
 * default rules. Every command goes through here, so plugins work the same in all of them.
 */
export async function engineFor(configPath: string | undefined): Promise<LoadedEngine> {
  const city = await loadCity(configPath);
  return {
    engine: city.engine,
    config: configPath === undefined ? undefined : city.config,
    timeZone: city.config.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
