import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Calls `each` with every line of a text file (UTF-8, split at "\n"; the last line also when it does not
 * end in one, and an empty last line when the file ends with "\n", as `split('\n')` gives), reading it in
 * chunks: a results file can be larger than the longest string V8 makes (tasks.csv of a 10-million-task
 * run is about 2 GB). `each` returning false stops the reading.
 */
export function forEachLine(file: string, each: (line: string, index: number) => boolean | void, chunkBytes = 1 << 22): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let index = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      const text = carry + (read > 0 ? decoder.write(buffer.subarray(0, read)) : decoder.end());
      if (read === 0) {
        each(text, index);
        return;
      }
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        if (each(text.slice(start, end), index++) === false) return;
        start = end + 1;
      }
      carry = text.slice(start);
    }
  } finally {
    closeSync(fd);
  }
}
