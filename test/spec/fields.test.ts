/**
 * Field rules: DNS-1123 names, label syntax, CIDRs.
 */
import { cidr, labelMap } from '../../src/spec/fields';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from '../../src/spec/names';

describe('names', () => {
  test.each(['a', 'payments', 'team-1', 'a'.repeat(63)])('%p is a DNS-1123 label', (v) => expect(isDns1123Label(v)).toBe(true));
  test.each(['', 'A', 'team_1', '-a', 'a-', 'a.b', 'a'.repeat(64)])('%p is not a DNS-1123 label', (v) => expect(isDns1123Label(v)).toBe(false));
  test('subdomains', () => {
    expect(isDns1123Subdomain('apps.example.com')).toBe(true);
    expect(isDns1123Subdomain('Apps.example.com')).toBe(false);
  });
  test('label values and keys', () => {
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('cc-4711')).toBe(true);
    expect(isLabelValue('a b')).toBe(false);
    expect(isQualifiedName('app.kubernetes.io/name')).toBe(true);
    expect(isQualifiedName('compliance')).toBe(true);
    expect(isQualifiedName('Bad Key')).toBe(false);
    expect(isQualifiedName('a/b/c')).toBe(false);
    expect(labelMap.safeParse({ 'team': 'x y' }).success).toBe(false);
  });
});

describe('cidr', () => {
  test.each(['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', '2001:db8::/32', '10.1.2.3/32'])('%p is accepted', (v) => {
    expect(cidr.safeParse(v).success).toBe(true);
  });
  test.each([
    ['10.0.0.0/33', /must be an IPv4 or IPv6 CIDR/],
    ['300.1.1.0/24', /must be an IPv4 or IPv6 CIDR/],
    ['10.0.0.0', /must be an IPv4 or IPv6 CIDR/],
    ['10.1.0.0/8', /host bits set; the network address is 10.0.0.0\/8/],
    ['2001:db8::1/32', /host bits set; the network address is 2001:db8::\/32/],
  ])('%p is rejected', (v, message) => {
    const r = cidr.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(message);
  });
});
