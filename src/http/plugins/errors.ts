import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { OUTAGE_MESSAGE, outageOf } from '../../db/outage.js';
import { RuleError } from '../../domain/rule-error.js';
import { noteDiskFull } from '../../services/system/storage-alarm.js';
import { AppError, type FieldError, ruleViolation } from '../../errors.js';

/** The one error body every client sees: `{ error: { code, message, fields?, rule? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; messageEn?: string; fields?: FieldError[]; rule?: string; report?: unknown[]; ref?: string };
}

const prefersEnglish = (req: FastifyRequest) => /^en\b/i.test(String(req.headers['accept-language'] ?? ''));

/** Zod issues → field errors; unknown keys name each key so the UI can point at it. */
function validationFields(err: FastifyError): FieldError[] {
  const fields: FieldError[] = [];
  for (const v of err.validation ?? []) {
    const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const keys = (v.params as { keys?: string[] } | undefined)?.keys;
    if (v.keyword === 'unrecognized_keys' && keys) {
      for (const k of keys) fields.push({ field: base ? `${base}.${k}` : k, message: `不允许的字段：${k}` });
    } else {
      fields.push({ field: base || (err.validationContext ?? 'body'), message: v.message ?? '格式不正确' });
    }
  }
  return fields;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const err = raw instanceof RuleError ? ruleViolation(raw.rule, raw.message, raw.messageEn) : raw;
    if (err instanceof AppError) {
      const en = prefersEnglish(req);
      const body: ErrorBody = {
        error: {
          code: err.code,
          message: en && err.details.messageEn ? err.details.messageEn : err.message,
          messageEn: err.details.messageEn,
          fields: err.details.fields,
          rule: err.details.rule,
          report: err.details.report,
          ref: err.details.ref,
        },
      };
      if (err.details.retryAfterSeconds) reply.header('retry-after', String(err.details.retryAfterSeconds));
      return reply.code(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(raw)) {
      const err = raw;
      const fields = validationFields(err);
      const message = `请求内容有误：${fields.map((f) => `${f.field} ${f.message}`).join('；')}`;
      return reply.code(400).send({ error: { code: 'validation', message, messageEn: 'invalid request', fields } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误' } });
    }
    if (err.statusCode && err.statusCode < 500) {
      const message = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '不支持的内容类型' : err.message;
      return reply.code(err.statusCode).send({ error: { code: err.code ?? 'bad_request', message, messageEn: err.message } });
    }
    const outage = outageOf(err);
    if (outage) {
      if (outage === 'storage_full') noteDiskFull(Date.now());
      req.log.error({ outage, code: (err as { code?: string }).code }, 'storage unavailable');
      const { zh, en } = OUTAGE_MESSAGE[outage];
      return reply.code(503).header('retry-after', '30').send({ error: { code: outage, message: prefersEnglish(req) ? en : zh, messageEn: en } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: '接口不存在', messageEn: `no route ${req.method} ${req.url}` } });
  });
}
