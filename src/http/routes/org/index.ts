import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/cases.js';
import {
  CodeNameBody,
  CreateEstateBody,
  CreateResidentBody,
  CreateStaffBody,
  StaffRolesBody,
  CreateUnitBody,
  EstateIdParams,
  ImportQuery,
  PhoneLookupQuery,
  ResidentListQuery,
  StaffQuery,
  UnitListQuery,
  UnitLookupQuery,
  UpdateEstateBody,
  UpdateResidentBody,
  UpdateUnitBody,
} from '../../../contracts/org.js';
import type { Role } from '../../../domain/roles.js';
import { createEstate, getEstate, listEstates, updateEstate } from '../../../services/org/estates.js';
import { importUnits } from '../../../services/org/import-units.js';
import { lookupUnits } from '../../../services/org/lookup-units.js';
import { createResident, listResidents, lookupResidentsByPhone, updateResident } from '../../../services/org/residents.js';
import { createStaff, deactivateStaff, listStaff, setStaffRoles } from '../../../services/org/staff.js';
import {
  createBuilding,
  createDepartment,
  createUnit,
  getUnit,
  listBuildings,
  listDepartments,
  listUnits,
  updateUnit,
} from '../../../services/org/structure.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['organisation'];

/** Estates, buildings, units, residents, departments, staff; lookups; CSV import. */
export const orgRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;
  const created = <T>(reply: { code: (n: number) => unknown }, body: T) => {
    reply.code(201);
    return body;
  };

  app.get('/api/estates', { schema: { tags } }, async (req) => listEstates(db(), requireActor(req)));
  app.post('/api/estates', { schema: { tags, body: CreateEstateBody } }, async (req, reply) => created(reply, await createEstate(ctx, requireActor(req), req.body)));
  app.get('/api/estates/:estateId', { schema: { tags, params: EstateIdParams } }, async (req) => getEstate(db(), requireActor(req), req.params.estateId));
  app.patch('/api/estates/:estateId', { schema: { tags, params: EstateIdParams, body: UpdateEstateBody } }, async (req) =>
    updateEstate(ctx, requireActor(req), req.params.estateId, req.body),
  );

  app.get('/api/estates/:estateId/buildings', { schema: { tags, params: EstateIdParams } }, async (req) => listBuildings(db(), requireActor(req), req.params.estateId));
  app.post('/api/estates/:estateId/buildings', { schema: { tags, params: EstateIdParams, body: CodeNameBody } }, async (req, reply) =>
    created(reply, await createBuilding(ctx, requireActor(req), req.params.estateId, req.body)),
  );
  app.get('/api/estates/:estateId/departments', { schema: { tags, params: EstateIdParams } }, async (req) => listDepartments(db(), requireActor(req), req.params.estateId));
  app.post('/api/estates/:estateId/departments', { schema: { tags, params: EstateIdParams, body: CodeNameBody } }, async (req, reply) =>
    created(reply, await createDepartment(ctx, requireActor(req), req.params.estateId, req.body)),
  );

  app.get('/api/estates/:estateId/units', { schema: { tags, params: EstateIdParams, querystring: UnitListQuery } }, async (req) =>
    listUnits(db(), requireActor(req), req.params.estateId, req.query),
  );
  app.get('/api/estates/:estateId/units/lookup', { schema: { tags, params: EstateIdParams, querystring: UnitLookupQuery } }, async (req) =>
    lookupUnits(db(), requireActor(req), req.params.estateId, req.query.q),
  );
  app.post('/api/estates/:estateId/units', { schema: { tags, params: EstateIdParams, body: CreateUnitBody } }, async (req, reply) =>
    created(reply, await createUnit(ctx, requireActor(req), req.params.estateId, req.body)),
  );
  app.get('/api/units/:id', { schema: { tags, params: IdParams } }, async (req) => getUnit(db(), requireActor(req), req.params.id));
  app.patch('/api/units/:id', { schema: { tags, params: IdParams, body: UpdateUnitBody } }, async (req) => updateUnit(ctx, requireActor(req), req.params.id, req.body));
  app.patch('/api/residents/:id', { schema: { tags, params: IdParams, body: UpdateResidentBody } }, async (req) =>
    updateResident(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get('/api/estates/:estateId/residents', { schema: { tags, params: EstateIdParams, querystring: ResidentListQuery } }, async (req) =>
    listResidents(db(), requireActor(req), req.params.estateId, req.query),
  );
  app.get('/api/estates/:estateId/residents/lookup', { schema: { tags, params: EstateIdParams, querystring: PhoneLookupQuery } }, async (req) =>
    lookupResidentsByPhone(db(), requireActor(req), req.params.estateId, req.query.phone),
  );
  app.post('/api/estates/:estateId/residents', { schema: { tags, params: EstateIdParams, body: CreateResidentBody } }, async (req, reply) =>
    created(reply, await createResident(ctx, requireActor(req), req.params.estateId, req.body)),
  );

  app.get('/api/estates/:estateId/staff', { schema: { tags, params: EstateIdParams, querystring: StaffQuery } }, async (req) =>
    listStaff(db(), requireActor(req), req.params.estateId, { role: req.query.role as Role | undefined, departmentId: req.query.departmentId }),
  );
  app.post('/api/estates/:estateId/staff', { schema: { tags, params: EstateIdParams, body: CreateStaffBody } }, async (req, reply) =>
    created(reply, await createStaff(ctx, requireActor(req), req.params.estateId, req.body as Parameters<typeof createStaff>[3])),
  );
  app.put(
    '/api/estates/:estateId/staff/:userId/roles',
    { schema: { tags, params: z.object({ estateId: z.uuid(), userId: z.uuid() }), body: StaffRolesBody } },
    async (req) => setStaffRoles(ctx, requireActor(req), req.params.estateId, req.params.userId, req.body as Parameters<typeof setStaffRoles>[4]),
  );
  app.post(
    '/api/estates/:estateId/staff/:userId/deactivate',
    { schema: { tags, params: z.object({ estateId: z.uuid(), userId: z.uuid() }) } },
    async (req) => deactivateStaff(ctx, requireActor(req), req.params.estateId, req.params.userId),
  );

  app.register(async (plain) => {
    const scoped = plain.withTypeProvider<ZodTypeProvider>();
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scoped.post('/api/estates/:estateId/import/units', { schema: { tags, params: EstateIdParams, querystring: ImportQuery }, config: { checksOwnText: true } }, async (req) =>
      importUnits(ctx, requireActor(req), req.params.estateId, String(req.body ?? ''), req.query.dryRun),
    );
  });
};
