// Everything the process and its worker threads call, in one module: the
// bundle (scripts/bundle.js) is built from it.
export { main } from './main';
export { serveWorker } from './pool';
