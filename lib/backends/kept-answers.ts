import 'server-only';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AnswerNotice } from '@/lib/domain/answer-notices';

/** What the answers may hold in all, counted as their JSON text's length. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

type Kept = { value: unknown; notices: AnswerNotice[]; bytes: number };

/**
 * Answers of a store that never changes (a snapshot), by call: a verb and its arguments, as
 * SharedCalls keys them. An answer computed once is the answer of every later identical call, with
 * its notices; the answers computed when a snapshot is taken are saved beside its files, so a
 * link opened after a restart answers its own view at once. Bounded by size, oldest out first.
 */
export class KeptAnswers {
  private readonly answers = new Map<string, Kept>();
  private bytes = 0;

  /** `file`: where `save` writes and the constructor reads (a missing or unreadable file is no answers). */
  constructor(
    private readonly file: string | null = null,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {
    if (!file) return;
    let saved: [string, { value: unknown; notices: AnswerNotice[] }][] = [];
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return;
    }
    for (const [key, { value, notices }] of saved) this.put(key, value, notices);
  }

  get(key: string): { value: unknown; notices: readonly AnswerNotice[] } | undefined {
    const kept = this.answers.get(key);
    return kept && { value: kept.value, notices: kept.notices };
  }

  put(key: string, value: unknown, notices: readonly AnswerNotice[]): void {
    const bytes = JSON.stringify(value).length;
    if (bytes > this.maxBytes / 4 || this.answers.has(key)) return;
    this.answers.set(key, { value, notices: [...notices], bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  /** Writes the answers to the file, whole or not at all (a temporary file renamed into place). */
  save(): void {
    if (!this.file) return;
    const entries = [...this.answers].map(([key, { value, notices }]) => [key, { value, notices }]);
    writeFileSync(`${this.file}.tmp`, JSON.stringify(entries));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
