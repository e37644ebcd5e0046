import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of a process tree from /proc (Linux): `next start` runs as `next-server`, possibly
 * under a launcher, so the tree of the pid we started is summed, and each process's own high-water
 * mark (VmHWM) is kept too.
 */

/** VmRSS and VmHWM of one /proc/<pid>/status text, in bytes (null when absent: a zombie). */
export function parseStatusMemory(statusText: string): { rssBytes: number; hwmBytes: number } | null {
  const kib = (key: string): number | null => {
    const match = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(statusText);
    return match ? Number(match[1]) * 1024 : null;
  };
  const rss = kib('VmRSS');
  const hwm = kib('VmHWM');
  return rss === null || hwm === null ? null : { rssBytes: rss, hwmBytes: hwm };
}

/** The parent pid from a /proc/<pid>/stat line (the command name may hold spaces and parentheses). */
export function parseStatParentPid(statText: string): number | null {
  const afterName = statText.slice(statText.lastIndexOf(')') + 2);
  const parent = Number(afterName.split(' ')[1]);
  return Number.isInteger(parent) ? parent : null;
}

/** `root` and all its descendants, given each process's parent. */
export function descendantsOf(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

function readParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOrNull(`/proc/${name}/stat`);
    const parent = stat === null ? null : parseStatParentPid(stat);
    if (parent !== null) parents.set(Number(name), parent);
  }
  return parents;
}

export type PeakMemory = { peakTreeRssBytes: number; peakProcessHwmBytes: number };

/** The peaks of two servers of one run (the first start and the restart): "throughout" means both. */
export function combinePeaks(a: PeakMemory | null, b: PeakMemory | null): PeakMemory | null {
  if (a === null || b === null) return a ?? b;
  return { peakTreeRssBytes: Math.max(a.peakTreeRssBytes, b.peakTreeRssBytes), peakProcessHwmBytes: Math.max(a.peakProcessHwmBytes, b.peakProcessHwmBytes) };
}

export type TreeMemory = { rssBytes: number; largestHwmBytes: number; processes: number };

/** The tree's summed resident memory now, and the largest single process's peak so far. */
export function readTreeMemory(rootPid: number): TreeMemory {
  let rssBytes = 0;
  let largestHwmBytes = 0;
  let processes = 0;
  for (const pid of descendantsOf(rootPid, readParents())) {
    const status = readOrNull(`/proc/${pid}/status`);
    const memory = status === null ? null : parseStatusMemory(status);
    if (!memory) continue;
    processes += 1;
    rssBytes += memory.rssBytes;
    largestHwmBytes = Math.max(largestHwmBytes, memory.hwmBytes);
  }
  return { rssBytes, largestHwmBytes, processes };
}

/**
 * Samples a process tree's memory every `intervalMs` until stopped. The peak is the larger of the
 * summed RSS seen by a sample and the kernel's own per-process high-water mark, which also
 * catches a spike between two samples.
 */
export class TreeMemoryPoller {
  private timer: NodeJS.Timeout | null = null;
  peakTreeRssBytes = 0;
  peakProcessHwmBytes = 0;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const memory = readTreeMemory(this.rootPid);
    this.peakTreeRssBytes = Math.max(this.peakTreeRssBytes, memory.rssBytes);
    this.peakProcessHwmBytes = Math.max(this.peakProcessHwmBytes, memory.largestHwmBytes);
  }

  stop(): { peakTreeRssBytes: number; peakProcessHwmBytes: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return { peakTreeRssBytes: this.peakTreeRssBytes, peakProcessHwmBytes: this.peakProcessHwmBytes };
  }
}
