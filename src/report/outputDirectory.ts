import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Outputs appear all at once or not at all: files are written into a temporary sibling folder that
 * replaces the target only when everything is written. A failed run leaves the old outputs in place.
 */
export class OutputDirectory {
  readonly target: string;
  readonly temp: string;

  constructor(target: string) {
    this.target = resolve(target);
    this.temp = join(dirname(this.target), `.${basename(this.target)}.tmp-${process.pid}`);
    rmSync(this.temp, { recursive: true, force: true });
    mkdirSync(this.temp, { recursive: true });
  }

  path(file: string): string {
    return join(this.temp, file);
  }

  commit(): void {
    const old = join(dirname(this.target), `.${basename(this.target)}.old-${process.pid}`);
    if (existsSync(this.target)) renameSync(this.target, old);
    renameSync(this.temp, this.target);
    rmSync(old, { recursive: true, force: true });
  }

  abandon(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/**
 * Runs `write` against a fresh output directory, then commits it; if `write` throws (or its promise
 * rejects) the temporary folder is removed and the old outputs stay. Returns what `write` returns.
 */
export function writeOutputs<T>(target: string, write: (out: OutputDirectory) => T): T {
  const out = new OutputDirectory(target);
  const fail = (error: unknown): never => {
    out.abandon();
    throw error;
  };
  let result: T;
  try {
    result = write(out);
  } catch (error) {
    return fail(error);
  }
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      out.commit();
      return value;
    }, fail) as T;
  }
  out.commit();
  return result;
}
