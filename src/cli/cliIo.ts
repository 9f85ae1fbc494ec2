/** What the CLI needs from the outside world, and how it ends. */
/** Exit codes: 0 ok, 1 internal error, 2 bad scenario or usage. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
  /** Wall clock for the run report (the simulator itself never reads it). */
  now(): number;
}

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
