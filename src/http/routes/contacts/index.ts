import { ApprovalQuery, DecideApprovalBody, IdParams } from '../../../contracts/cases.js';
import { ContactListQuery, DecideContactBody, LogContactBody } from '../../../contracts/contacts.js';
import { decideApproval, listApprovals } from '../../../services/cases/approvals.js';
import { decideContact, listContacts, logContact } from '../../../services/contacts/log-contact.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

/** The contact log (R-IN-2), the supervisor's undecided contacts (R-IN-4) and approvals (R-CL-5/6). */
export const contactRoutes: RouteModule = (app, ctx) => {
  app.post('/api/contacts', { schema: { tags: ['contacts'], body: LogContactBody } }, async (req, reply) => {
    reply.code(201);
    return logContact(ctx, requireActor(req), req.body);
  });
  app.get('/api/contacts', { schema: { tags: ['contacts'], querystring: ContactListQuery } }, async (req) =>
    listContacts(ctx.database.db, requireActor(req), req.query),
  );
  app.post('/api/contacts/:id/decide', { schema: { tags: ['contacts'], params: IdParams, body: DecideContactBody } }, async (req) =>
    decideContact(ctx, requireActor(req), req.params.id, req.body),
  );
  app.get('/api/approvals', { schema: { tags: ['approvals'], querystring: ApprovalQuery } }, async (req) =>
    listApprovals(ctx.database.db, requireActor(req), req.query),
  );
  app.post('/api/approvals/:id/decide', { schema: { tags: ['approvals'], params: IdParams, body: DecideApprovalBody } }, async (req, reply) => {
    const c = await decideApproval(ctx, requireActor(req), req.params.id, req.body);
    reply.header('etag', `"${c.version}"`);
    return c;
  });
};
