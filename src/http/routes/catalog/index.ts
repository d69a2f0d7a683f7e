import { CatalogEntryParams, CatalogListQuery, CreateCategoryBody, CreatePriceItemBody, UpdateCategoryBody, UpdatePriceItemBody } from '../../../contracts/catalog.js';
import { EstateIdParams } from '../../../contracts/org.js';
import { createCategory, createPriceItem, listCategories, listPriceItems, retireCatalogEntry, updateCategory, updatePriceItem } from '../../../services/org/catalog.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

const tags = ['catalog'];

/** The estate's case categories and paid-service price list (R-PAY-1). */
export const catalogRoutes: RouteModule = (app, ctx) => {
  const db = () => ctx.database.db;
  app.get('/api/estates/:estateId/categories', { schema: { tags, params: EstateIdParams, querystring: CatalogListQuery } }, async (req) =>
    listCategories(db(), requireActor(req), req.params.estateId, req.query.includeInactive),
  );
  app.post('/api/estates/:estateId/categories', { schema: { tags, params: EstateIdParams, body: CreateCategoryBody } }, async (req, reply) => {
    reply.code(201);
    return createCategory(ctx, requireActor(req), req.params.estateId, req.body);
  });
  app.patch('/api/estates/:estateId/categories/:id', { schema: { tags, params: CatalogEntryParams, body: UpdateCategoryBody } }, async (req) =>
    updateCategory(ctx, requireActor(req), req.params.estateId, req.params.id, req.body),
  );
  app.post('/api/estates/:estateId/categories/:id/retire', { schema: { tags, params: CatalogEntryParams } }, async (req) =>
    retireCatalogEntry(ctx, requireActor(req), req.params.estateId, 'categories', req.params.id),
  );
  app.get('/api/estates/:estateId/price-items', { schema: { tags, params: EstateIdParams, querystring: CatalogListQuery } }, async (req) =>
    listPriceItems(db(), requireActor(req), req.params.estateId, req.query.includeInactive),
  );
  app.post('/api/estates/:estateId/price-items', { schema: { tags, params: EstateIdParams, body: CreatePriceItemBody } }, async (req, reply) => {
    reply.code(201);
    return createPriceItem(ctx, requireActor(req), req.params.estateId, req.body);
  });
  app.patch('/api/estates/:estateId/price-items/:id', { schema: { tags, params: CatalogEntryParams, body: UpdatePriceItemBody } }, async (req) =>
    updatePriceItem(ctx, requireActor(req), req.params.estateId, req.params.id, req.body),
  );
  app.post('/api/estates/:estateId/price-items/:id/retire', { schema: { tags, params: CatalogEntryParams } }, async (req) =>
    retireCatalogEntry(ctx, requireActor(req), req.params.estateId, 'price-items', req.params.id),
  );
};
