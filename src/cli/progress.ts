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
