import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../errors.js';

/** Reads `If-Match: "3"` (or W/"3", or 3) as a version number; absent → undefined. */
export function ifMatch(req: FastifyRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(raw).trim());
  if (!m) throw invalid('If-Match', 'If-Match 须为记录版本号，如 "3"');
  return Number(m[1]);
}

/** Sends a record with its version as ETag, for the next If-Match. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', `"${body.version}"`);
  return body;
}
