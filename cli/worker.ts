// A worker thread: lints the batches of files the pool hands it, with the code
// loaded the same way the main thread loaded it.
import { load } from './boot';

load().serveWorker();
