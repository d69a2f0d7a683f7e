import { describe, expect, it } from 'vitest';
import { outageOf } from '../../src/db/outage.js';

const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'x')), props);

describe('outageOf', () => {
  it('a full disk, from PostgreSQL (53100) or the file system (ENOSPC), also when wrapped by the query builder', () => {
    expect(outageOf(err({ code: '53100', message: 'could not extend file' }))).toBe('storage_full');
    expect(outageOf(err({ code: 'ENOSPC', message: 'no space' }))).toBe('storage_full');
    expect(outageOf(err({ message: 'Failed query: insert …', cause: err({ code: '53100' }) }))).toBe('storage_full');
    expect(outageOf(err({ message: 'write failed: No space left on device' }))).toBe('storage_full');
  });
  it('a database that is going away or cannot be reached', () => {
    expect(outageOf(err({ code: '57P01', message: 'terminating connection due to administrator command' }))).toBe('database_unavailable');
    expect(outageOf(err({ code: 'ECONNREFUSED' }))).toBe('database_unavailable');
    expect(outageOf(err({ message: 'timeout exceeded when trying to connect' }))).toBe('database_unavailable');
    expect(outageOf(err({ message: 'Failed query', cause: err({ message: 'Connection terminated unexpectedly' }) }))).toBe('database_unavailable');
  });
  it('not a bad request or a bug: a unique violation, a plain error, nothing', () => {
    expect(outageOf(err({ code: '23505', message: 'duplicate key' }))).toBeUndefined();
    expect(outageOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(outageOf(undefined)).toBeUndefined();
  });
});
