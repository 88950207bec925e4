import { type Config, createEngine, type Engine, engineOptionsFromConfig } from '@jianzheng/core';
import { loadConfig } from '@jianzheng/core/node';

export interface LoadedEngine {
  engine: Engine;
  config: Config | undefined;
}

/** The city's engine: its configuration file (domain.md §9) when given, else the default rules. */
export async function engineFor(configPath: string | undefined): Promise<LoadedEngine> {
  if (configPath === undefined) return { engine: createEngine(), config: undefined };
  const config = await loadConfig(configPath);
  return { engine: createEngine(engineOptionsFromConfig(config)), config };
}
