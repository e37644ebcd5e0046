import 'server-only';
import { createSnapshotBodySchema, type CreateSnapshotBody } from '@/lib/domain/snapshot';
import { QUERY_PARAMETERS } from '@/lib/domain/query';
import { AppError } from '@/lib/server/core/errors';

/**
 * A snapshot request's body, validated: the title and note, and a query of the shared query
 * parameters only (a misspelt one is refused as every endpoint refuses it, not silently dropped).
 */
export function parseCreateSnapshotBody(body: unknown): CreateSnapshotBody {
  const parsed = createSnapshotBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new AppError('invalid_parameter', `${where}: ${issue?.message}`, where);
  }
  const known: readonly string[] = QUERY_PARAMETERS;
  const unknown = Object.keys(parsed.data.query).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new AppError('invalid_parameter', `query.${unknown[0]}: unknown parameter; a snapshot's query accepts ${known.join(', ')}`, 'query');
  }
  return parsed.data;
}
