import { humanDuration } from '../engine/time.js';

/** A one-line progress bar on stderr, for terminals only. */
export function progressBar(durationMs: number, write: (text: string) => void): { update: (simMs: number) => void; done: () => void } {
  let shown = false;
  return {
    update(simMs) {
      const fraction = Math.min(1, simMs / durationMs);
      const width = 30;
      const filled = Math.round(fraction * width);
      write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  simulated ${humanDuration(simMs)}   `);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[2K');
    },
  };
}

/** A progress line for many runs (replications, comparisons, sweeps): done of total, and an ETA. */
export function countBar(what: string, write: (text: string) => void, now: () => number): { update: (done: number, total: number) => void; done: () => void } {
  const started = now();
  let shown = false;
  return {
    update(done, total) {
      const elapsed = now() - started;
      const eta = done > 0 ? ((total - done) * elapsed) / done : 0;
      write(`\r${what} ${done}/${total}  elapsed ${humanDuration(Math.round(elapsed))}  ETA ${humanDuration(Math.round(eta))}   `);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[2K');
    },
  };
}
