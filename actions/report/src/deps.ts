import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultActionDeps, type ActionDeps } from '@promote/core/action';

/** report's collaborators: core's ActionDeps and where the JSON and charts are written. */
export interface Deps extends ActionDeps {
  writeFile(path: string, text: string): Promise<void>;
}

export function defaultDeps(): Deps {
  return {
    ...defaultActionDeps(),
    writeFile: async (path, text) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    },
  };
}
