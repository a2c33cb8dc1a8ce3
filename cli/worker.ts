// A worker thread: lints the batches of files the pool hands it.
import { parentPort } from 'worker_threads';
import { lintSafely } from './pool';
import type { FileTask } from './lint-file';

parentPort!.on('message', (tasks: FileTask[]) => {
  parentPort!.postMessage(tasks.map(lintSafely));
});
