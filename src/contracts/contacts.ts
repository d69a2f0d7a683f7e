import { z } from 'zod';
import { CHANNELS, CONTACT_OUTCOMES } from '../domain/case-types.js';
import { CaseIntakeFields } from './cases.js';

const isoTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间' });

const ContactCase = z.strictObject({ ...CaseIntakeFields, description: z.string().trim().min(1).max(4000).optional() });

export const LogContactBody = z.strictObject({
  estateId: z.uuid(),
  channel: z.enum(CHANNELS),
  receivedAt: isoTime.optional(),
  callerName: z.string().trim().max(50).nullish(),
  callerPhone: z.string().trim().regex(/^[0-9+\-\s*]{3,20}$/, '电话号码格式不正确').nullish(),
  unitId: z.uuid().nullish(),
  residentId: z.uuid().nullish(),
  location: z.string().trim().max(200).nullish(),
  content: z.string().trim().min(1, '请填写来电内容').max(4000),
  outcome: z.enum(CONTACT_OUTCOMES),
  answer: z.string().trim().max(4000).nullish(),
  case: ContactCase.optional(),
});

export const DecideContactBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('answer'), answer: z.string().trim().min(1, '请填写答复内容').max(4000) }),
  z.strictObject({ decision: z.literal('open'), case: ContactCase }),
]);

export const ContactListQuery = z.strictObject({
  estateId: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  outcome: z.enum(CONTACT_OUTCOMES).optional(),
  q: z.string().trim().max(100).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  before: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
