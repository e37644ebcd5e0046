import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from './process-exit';

describe('process-exit', () => {
  it('tells a live process from one that has exited', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(exited).toBeGreaterThan(0);
    expect(isProcessAlive(exited!)).toBe(false);
  });

  it('runs the actions still registered when the process exits, not the cancelled ones', () => {
    const script = [
      "import { cancelOnExit, onExit } from './lib/backends/process-exit';",
      "onExit('kept', () => console.log('kept ran'));",
      "onExit('cancelled', () => console.log('cancelled ran'));",
      "onExit('replaced', () => console.log('first action ran'));",
      "onExit('replaced', () => console.log('second action ran'));",
      "cancelOnExit('cancelled');",
    ].join('\n');
    const root = path.resolve(__dirname, '../..');
    const output = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', '--eval', script], { cwd: root, encoding: 'utf8' });
    expect(output.trim().split('\n').sort()).toEqual(['kept ran', 'second action ran']);
  });
});
