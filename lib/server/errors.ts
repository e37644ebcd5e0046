// Moved to lib/server/core/errors.ts. This re-export only keeps committed files that still import
// the old path building until they are committed with the new one; delete it then.
export * from './core/errors';
