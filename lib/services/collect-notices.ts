import { mergeNotices, type AnswerNotice, type NoticeSink } from '@/lib/domain/answer-notices';

/** Where the store calls of one answer tell their notices, and the answer's list of them, each once. */
export function collectNotices(): { onNotice: NoticeSink; notices: () => AnswerNotice[] } {
  const told: AnswerNotice[] = [];
  return { onNotice: (notice) => void told.push(notice), notices: () => mergeNotices(told) };
}
