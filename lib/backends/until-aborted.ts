import 'server-only';
import { requestCancelled } from '@/lib/server/core/errors';

/**
 * A caller's wait for `promise` that ends as soon as its `signal` aborts: then `onAbort` runs (the
 * caller leaves whatever it joined) and the wait rejects with the cancellation; the promise itself
 * goes on for whoever else waits for it. Without a signal, the promise itself.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (!signal) return promise;
  const cancel = () => {
    onAbort?.();
    return requestCancelled();
  };
  if (signal.aborted) return Promise.reject(cancel());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(cancel());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
