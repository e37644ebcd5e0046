import 'server-only';
import type { AnswerNotice } from '@/lib/domain/answer-notices';
import { requestCancelled } from '@/lib/server/core/errors';
import type { CallOptions } from './types';
import { untilAborted } from './until-aborted';

type Caller = { onNotice?: CallOptions['onNotice'] };

type SharedCall = {
  promise: Promise<unknown>;
  controller: AbortController;
  callers: Set<Caller>;
  notices: AnswerNotice[];
};

/**
 * Identical calls in flight at the same time share one execution in the store. A reloaded page,
 * two engineers opening the same permalink, or a page abandoned mid-render and opened again ask
 * the same questions; without sharing, each asks the store anew and the newest (the one someone
 * waits for) queues behind the abandoned ones. Nothing is kept once a call settles: this is not a
 * cache, every call after that asks the store again.
 *
 * Each caller keeps its own cancellation: it stops waiting at once, and the store's work is
 * cancelled only when every caller that shared it has cancelled. Notices reach every caller,
 * including those who joined after they were reported.
 */
export class SharedCalls {
  private readonly inFlight = new Map<string, SharedCall>();

  /** Calls in flight now (for tests and diagnostics). */
  get size(): number {
    return this.inFlight.size;
  }

  run<T>(key: string, options: CallOptions | undefined, start: (options: CallOptions) => Promise<T>): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(requestCancelled());
    const existing = this.inFlight.get(key);
    const call = existing ?? this.newCall(key);
    const caller: Caller = { onNotice: options?.onNotice };
    call.callers.add(caller);
    for (const notice of call.notices) caller.onNotice?.(notice);
    // Started only once its first caller is registered, so every notice reaches it.
    if (!existing) this.execute(key, call, start);
    if (!signal) return call.promise as Promise<T>;

    return untilAborted(call.promise as Promise<T>, signal, () => {
      call.callers.delete(caller);
      if (call.callers.size === 0 && this.inFlight.get(key) === call) {
        this.inFlight.delete(key);
        call.controller.abort();
      }
    });
  }

  private newCall(key: string): SharedCall {
    const call: SharedCall = { promise: Promise.resolve(), controller: new AbortController(), callers: new Set(), notices: [] };
    this.inFlight.set(key, call);
    return call;
  }

  private execute<T>(key: string, call: SharedCall, start: (options: CallOptions) => Promise<T>): void {
    const onNotice = (notice: AnswerNotice) => {
      call.notices.push(notice);
      for (const caller of call.callers) caller.onNotice?.(notice);
    };
    let started: Promise<T>;
    try {
      started = start({ signal: call.controller.signal, onNotice });
    } catch (error) {
      started = Promise.reject(error);
    }
    call.promise = started.finally(() => {
      if (this.inFlight.get(key) === call) this.inFlight.delete(key);
    });
    // A call every caller abandoned still settles; its rejection is nobody's to handle.
    call.promise.catch(() => undefined);
  }
}
