import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A mainland mobile number not already masked (issue 13 item 4). Letters around it do not count:
 * ids and hashes are hex, and a UUID's last group can hold eleven digits after a letter.
 */
export const MOBILE = /(?<![\dA-Za-z*])1[3-9]\d{9}(?![\dA-Za-z])/g;

export interface PhoneLeak {
  answer: string;
  numbers: string[];
}

const rolesOf = (req: FastifyRequest) => {
  const a = req.actor;
  if (!a) return new Set<string>();
  return new Set<string>([...a.groupRoles, ...[...a.estateRoles.values()].flatMap((r) => [...r])]);
};

/**
 * The answers allowed to carry a full number, each for the step at hand (docs/security.md):
 * the desk's recorded reading, the technician on the job (the case page's presenter decides,
 * tested on its own), the order sheet while the order is open, a resident's own unit, the
 * signed-in person's own record, and staff members' work phones on the staff list.
 */
function allowed(req: FastifyRequest): boolean {
  const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
  if (route === 'POST /api/cases/:id/phone-reveal') return true;
  if (route === 'GET /api/orders/:id/print') return true;
  if (/^(GET|POST|PUT|PATCH) \/api\/(me|session|auth\/)/.test(route)) return true;
  if (/^\w+ \/api\/estates\/:estateId\/staff/.test(route)) return true;
  if (route === 'GET /api/units/:id' && (req.actor?.residencies.length ?? 0) > 0) return true;
  if (/\/api\/(cases|orders)\b/.test(route) && rolesOf(req).has('technician')) return true;
  return false;
}

/** Records every answer of the app that carries a full mobile number outside the allowed steps. */
export function watchPhones(app: FastifyInstance, leaks: PhoneLeak[]): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/json|text/.test(type) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const numbers = String(payload).match(MOBILE);
    if (numbers && !allowed(req)) leaks.push({ answer: `${req.method} ${req.url} → ${reply.statusCode}`, numbers: [...new Set(numbers)] });
    return payload;
  });
}
