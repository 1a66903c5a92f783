/** The SQL statements this process runs while `work` runs (`work` sees them as they come). */
export type Statement = { sql: string; bindings: unknown[] };

export async function statementsDuring<T>(work: (statements: Statement[]) => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const listen = (q: { sql: string; bindings?: unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  strapi.db.connection.on('query', listen);
  try {
    return { result: await work(statements), statements };
  } finally {
    strapi.db.connection.off('query', listen);
  }
}
