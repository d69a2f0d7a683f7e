import type { FastifyInstance } from 'fastify';
import { invalid } from '../../errors.js';

// U+0000 (PostgreSQL text cannot hold it) and UTF-16 halves without their partner (not encodable as UTF-8).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const illegal = (s: string) => s.includes('\0') || LONE_SURROGATE.test(s);

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
    const field = firstIllegalText(req.params, '') ?? firstIllegalText(req.query, '') ?? firstIllegalText(req.body, '');
    if (field !== undefined) {
      const name = field || 'body';
      throw invalid(name, `${name} 含有非法字符`, `${name} holds an illegal character`);
    }
  });
}
