/** A SQL text with its named parameter values ($name); user values only ever travel as params. */
export type SqlStatement = { sql: string; params: Record<string, string | number> };
