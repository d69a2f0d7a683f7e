import { describe, expect, it } from 'vitest';
import { classifyAddress, parseTargetAllowList, refusedAddress, refusedHost, refusedWebhookUrl } from '../../src/domain/network-target.js';

describe('webhook targets (issue 13 item 9)', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['203.119.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'shared'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2400:3200::1', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('malformed addresses are not addresses', () => {
    for (const bad of ['256.1.1.1', '01.2.3.4', '1.2.3', '::1::2', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'example.com']) expect(classifyAddress(bad)).toBeNull();
    expect(refusedAddress('not-an-ip')).toBe('invalid');
  });

  it("the operator's allowance lets a private range through and nothing else", () => {
    const allowed = parseTargetAllowList('10.8.0.0/16, 127.0.0.1, fd00::/8');
    expect(refusedAddress('10.8.3.4', allowed)).toBeNull();
    expect(refusedAddress('10.9.3.4', allowed)).toBe('private');
    expect(refusedAddress('127.0.0.1', allowed)).toBeNull();
    expect(refusedAddress('127.0.0.2', allowed)).toBe('loopback');
    expect(refusedAddress('fd00::5', allowed)).toBeNull();
    expect(refusedAddress('169.254.169.254', allowed)).toBe('link-local');
    expect(() => parseTargetAllowList('10.0.0.0/33')).toThrow(/10.0.0.0\/33/);
    expect(() => parseTargetAllowList('gateway.local')).toThrow(/gateway.local/);
    expect(parseTargetAllowList(undefined)).toEqual([]);
  });

  it('names that always mean this machine are refused before any lookup; other names wait for it', () => {
    expect(refusedHost('localhost')).toBe('loopback');
    expect(refusedHost('api.localhost')).toBe('loopback');
    expect(refusedHost('LOCALHOST.')).toBe('loopback');
    expect(refusedHost('sms.example.com')).toBeNull();
    expect(refusedHost('[::1]')).toBe('loopback');
    expect(refusedHost('localhost', parseTargetAllowList('127.0.0.1'))).toBeNull();
  });

  it('the settings screen hears why, in Chinese', () => {
    expect(refusedWebhookUrl('http://192.168.1.5:8080/sms')).toMatch(/内网地址.*PROPDESK_WEBHOOK_ALLOW_PRIVATE/);
    expect(refusedWebhookUrl('https://sms.example.com/hook')).toBeNull();
    expect(refusedWebhookUrl('http://192.168.1.5/sms', parseTargetAllowList('192.168.1.0/24'))).toBeNull();
  });
});
