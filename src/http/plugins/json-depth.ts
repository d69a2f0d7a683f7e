import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/** How deep a JSON body may nest; no form of ours goes past a handful of levels. */
export const maxJsonDepth = (env: NodeJS.ProcessEnv = process.env): number => {
  const n = Number(env.PROPDESK_MAX_JSON_DEPTH);
  return Number.isInteger(n) && n > 0 ? n : 64;
};

/**
 * Whether a JSON text nests arrays/objects deeper than `max`, found by one linear scan that
 * skips strings. Checked before parsing because every later step (parse, validation, the text
 * guard) walks the value recursively, and a body of 100 000 `[` would overflow the stack into a 500.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Replaces the JSON parser with one that refuses over-deep bodies (400) and otherwise parses as Fastify does. */
export function registerJsonDepthLimit(app: FastifyInstance, max = maxJsonDepth()): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (nestsDeeperThan(body as string, max)) {
      done(new AppError(400, 'validation', `请求内容嵌套超过 ${max} 层`, { messageEn: `request body nests deeper than ${max} levels`, fields: [{ field: 'body', message: `嵌套超过 ${max} 层` }] }), undefined);
      return;
    }
    parse(req, body as string, done);
  });
}
