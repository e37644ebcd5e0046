import { readFileSync } from 'node:fs';
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { median } from './stats';

export type MachineInfo = {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  kernel: string;
  node: string;
  next: string;
  duckdb: string;
};

/** The CPU model as /proc/cpuinfo names it (virtual machines often show a family name only). */
function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT version() AS version');
    return String(reader.getRowObjects()[0]?.version ?? 'unknown');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function describeMachine(repoRoot: string): Promise<MachineInfo> {
  const nextPackage = JSON.parse(readFileSync(`${repoRoot}/node_modules/next/package.json`, 'utf8')) as { version: string };
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    next: nextPackage.version,
    duckdb: await duckdbVersion(),
  };
}

export type LoadSummary = { samples: number; min: number; median: number; max: number };

/** Samples the 1-minute load average every `intervalMs`: the run's figures are read against it. */
export class LoadSampler {
  private readonly values: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 5_000) {}

  start(): this {
    this.values.push(os.loadavg()[0]!);
    this.timer = setInterval(() => this.values.push(os.loadavg()[0]!), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** The load seen so far (the harness reads it per phase too). */
  summary(fromIndex = 0): LoadSummary {
    const values = this.values.slice(fromIndex);
    if (values.length === 0) values.push(os.loadavg()[0]!);
    return { samples: values.length, min: Math.min(...values), median: median(values), max: Math.max(...values) };
  }

  get count(): number {
    return this.values.length;
  }

  stop(): LoadSummary {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.summary();
  }
}
