// Standard output and error, and the end of the process.
//
// A report is written with synchronous writes to the descriptor, not through
// process.stdout: making that stream loads Node's stream modules (a noticeable
// part of a small run), and a pipe stream writes a large report
// asynchronously, which lets the event loop run the deferred finalizers of
// every syntax node and tree before the process may exit. The stream is still
// used for a terminal, on Windows, and for the rest of a report when the
// descriptor is non-blocking and full.
import { writeSync } from 'fs';

const streams = new Set<NodeJS.WriteStream>();
/** Descriptors whose writes go through the stream from now on, to keep their order. */
const viaStream = new Set<number>();
/** Descriptors whose reader has gone (EPIPE): later writes are dropped, as nobody reads them. */
const gone = new Set<number>();

export function write(fd: 1 | 2, text: string | Buffer): void {
  if (gone.has(fd) || text.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  if (!viaStream.has(fd) && process.platform !== 'win32' && !(require('tty') as typeof import('tty')).isatty(fd)) {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(fd, bytes, done);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        gone.add(fd);
        return;
      }
      if (code !== 'EAGAIN') throw e;
    }
    viaStream.add(fd);
    text = bytes.subarray(done);
  }
  const stream = fd === 1 ? process.stdout : process.stderr;
  streams.add(stream);
  stream.write(text);
}

/**
 * Ends the process as soon as standard output and error are written. A normal
 * exit first frees every syntax tree still held, node by node, which for a
 * large run costs as much CPU as a tenth of the parsing; the system takes the
 * memory back at once anyway. Work that is still pending (a worker being
 * stopped) is stopped as process.exit() does.
 */
export function exitOnceWritten(code: number | string | undefined): void {
  const pending = [...streams].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  let left = pending.length;
  // A stream that fails instead emits no 'drain', and the process ends the usual way.
  for (const s of pending) s.once('drain', () => { if (--left === 0) process.exit(code); });
}
