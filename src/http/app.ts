import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { registerAuth } from './plugins/auth.js';
import { registerDraining } from './plugins/draining.js';
import { registerErrorHandler } from './plugins/errors.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerJsonDepthLimit } from './plugins/json-depth.js';
import { registerReadCache } from './plugins/read-cache.js';
import { registerSameOrigin } from './plugins/same-origin.js';
import { registerTextGuard } from './plugins/text-guard.js';
import { routeModules } from './routes/index.js';
import type { ZodApp } from './types.js';

// Validation messages in the UI language (zh-CN by default).
z.config(z.locales.zhCN());

/** Builds the whole HTTP app (API, OpenAPI at /docs, web app) on a context. Does not listen. */
export async function buildApp(ctx: AppContext, opts: FastifyServerOptions = {}): Promise<ZodApp> {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, ...opts }).withTypeProvider() as unknown as ZodApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerDraining(app);
  registerJsonDepthLimit(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: 'propdesk API', description: '物业报修投诉调度 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerSameOrigin(app);
  registerTextGuard(app);
  registerAuth(app, ctx);
  registerReadCache(app, ctx);
  registerIdempotency(app, ctx);
  for (const mod of routeModules) await mod(app, ctx);
  return app;
}
