import { describe, expect, it } from 'vitest';
import { unsafeDurability } from '../../src/domain/durability.js';

describe('PostgreSQL durability settings', () => {
  it('operator: fsync, synchronous_commit or full_page_writes off are named; local and remote modes are fine', () => {
    expect(unsafeDurability({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' })).toEqual([]);
    expect(unsafeDurability({ fsync: 'on', synchronous_commit: 'local', full_page_writes: 'on' })).toEqual([]);
    expect(unsafeDurability({ fsync: 'on', synchronous_commit: 'remote_apply', full_page_writes: 'on' })).toEqual([]);
    expect(unsafeDurability({ fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' })).toEqual(['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']);
  });
});
