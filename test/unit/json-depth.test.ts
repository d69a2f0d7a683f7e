import { describe, expect, it } from 'vitest';
import { maxJsonDepth, nestsDeeperThan } from '../../src/http/plugins/json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\"[[[[","b":[]}', 1)).toBe(true);
    expect(nestsDeeperThan('{"a":"\\"[[[[","b":1}', 1)).toBe(false);
  });
  it('siblings do not add up', () => {
    expect(nestsDeeperThan('[[1],[2],[3],[4]]', 2)).toBe(false);
  });
  it('reads the limit from PROPDESK_MAX_JSON_DEPTH, 64 by default', () => {
    expect(maxJsonDepth({})).toBe(64);
    expect(maxJsonDepth({ PROPDESK_MAX_JSON_DEPTH: '10' })).toBe(10);
    expect(maxJsonDepth({ PROPDESK_MAX_JSON_DEPTH: 'x' })).toBe(64);
  });
});
