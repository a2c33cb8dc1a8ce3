// Worker thread entry: lexes texts into parse units (rules/segments) while the
// main thread parses them. It reads only the texts it is sent.
import { parentPort } from 'worker_threads';
import { segments } from '../rules';

parentPort?.on('message', ({ id, text }: { id: number; text: string }) => {
  parentPort!.postMessage({ id, lexed: segments(text) });
});
