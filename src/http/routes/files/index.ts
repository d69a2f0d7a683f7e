import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readStoredFile, storeFile, MAX_FILE_BYTES } from '../../../services/files/store-file.js';
import { requireActor } from '../../plugins/auth.js';
import type { RouteModule } from '../../types.js';

/** Photos, signatures and PDF documents: POST the raw bytes, GET them back (same estate only). */
export const fileRoutes: RouteModule = (app, ctx) => {
  app.register(async (plain) => {
    const scoped = plain.withTypeProvider<ZodTypeProvider>();
    scoped.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp', 'application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES + 1024 }, (_req, body, done) => done(null, body));
    scoped.post('/api/estates/:estateId/files', { schema: { tags: ['files'], params: z.object({ estateId: z.uuid() }) } }, async (req, reply) => {
      const stored = await storeFile(ctx, requireActor(req), req.params.estateId, req.body as Buffer);
      reply.code(201);
      return stored;
    });
  });
  app.get(
    '/api/files/:estateId/:sha256',
    { schema: { tags: ['files'], params: z.object({ estateId: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }) } },
    async (req, reply) => {
      const f = await readStoredFile(ctx, requireActor(req), req.params.estateId, req.params.sha256);
      // Shown as its stored type and nothing else: a polyglot file opened directly runs no script.
      // Images show inline (photos, signatures on the printed order); a PDF is downloaded, so it
      // opens in a viewer, never in the desk's origin.
      const inline = f.mime.startsWith('image/');
      reply
        .header('content-type', f.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${req.params.sha256}.${f.mime.split('/')[1]}"`)
        .header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(f.bytes);
    },
  );
};
