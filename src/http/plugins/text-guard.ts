import type { FastifyInstance } from 'fastify';
import { holdsIllegalText as illegal } from '../../domain/plain-text.js';
import { invalid } from '../../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks its own text body cell by cell (the CSV import names row and column). */
    checksOwnText?: boolean;
  }
}

/** The dotted path of the first string (or key) holding an illegal character, if any. */
export function firstIllegalText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return illegal(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (illegal(k)) return at;
    const found = firstIllegalText(v, at);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses, before validation, any request whose path, query or body text holds a NUL or a lone
 * surrogate: otherwise the database refuses the write halfway through a use case and the caller
 * gets a 500 for what is bad input.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const ownBody = req.routeOptions.config.checksOwnText && typeof req.body === 'string';
    const field = firstIllegalText(req.params, '') ?? firstIllegalText(req.query, '') ?? (ownBody ? undefined : firstIllegalText(req.body, ''));
    if (field !== undefined) {
      const name = field || 'body';
      throw invalid(name, `${name} 含有非法字符`, `${name} holds an illegal character`);
    }
  });
}
