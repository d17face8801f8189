import { addressProblem, parseAllowList } from './safe-http';

describe(addressProblem.name, () => {
  const strict = { allowedCidrs: [] };

  it.each([
    // IPv4-compatible (::/96, deprecated): the form a URL gives `[::127.0.0.1]`.
    ['::7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::a00:1', 'private'],
    ['::c0a8:101', 'private'],
    ['::2', 'unspecified'],
    // IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96).
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:0:a00:1', 'private'],
    // NAT64, well-known prefix (64:ff9b::/96).
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b::a9fe:a0a', 'linkLocal'],
    ['64:ff9b::100.64.1.1', 'carrierGradeNat'],
    // 6to4 (2002::/16): the IPv4 address is in bits 16–47.
    ['2002:7f00:1::', 'loopback'],
    ['2002:a00:1:1::5', 'private'],
    ['2002:c0a8:101::1', 'private'],
    // Teredo hides its IPv4 address (XOR): refused whatever it is.
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001::1', 'teredo'],
    // NAT64 local-use (64:ff9b:1::/48): where the IPv4 address sits is the network's choice.
    ['64:ff9b:1::a00:1', 'nat64LocalUse'],
    ['64:ff9b:1:ffff::808:808', 'nat64LocalUse'],
    // Plain IPv6 keeps its own ranges.
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
  ])('refuses %s as %s', (address, range) => {
    expect(addressProblem(address, strict)).toBe(range);
  });

  it.each(['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1', '::808:808'])('accepts %s, public as the IPv4 address it carries', (address) => {
    expect(addressProblem(address, strict)).toBeNull();
  });

  it.each([
    '169.254.169.254',
    '::a9fe:a9fe',
    '::169.254.169.254',
    '::ffff:169.254.169.254',
    '::ffff:0:a9fe:a9fe',
    '64:ff9b::169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::',
    '2002:a9fe:a9fe:1234::5',
    '64:ff9b::100.100.100.200',
    '::ffff:169.254.170.2',
    'fd00:ec2::254',
  ])('refuses the metadata address %s always: with a wide-open range allowlist and for an allowlisted host', (address) => {
    const open = { allowedCidrs: ['0.0.0.0/0', '::/0'] };
    expect(addressProblem(address, strict)).toBe('metadata');
    expect(addressProblem(address, open)).toBe('metadata');
    expect(addressProblem(address, strict, true)).toBe('metadata');
  });

  it('refuses Teredo and local-use NAT64 even when allowlisted, since they may hide a metadata address', () => {
    expect(addressProblem('2001:0:4136:e378:8000:63bf:5646:5601', { allowedCidrs: ['::/0'] }, true)).toBe('teredo');
    expect(addressProblem('64:ff9b:1::a9fe:a9fe', { allowedCidrs: ['64:ff9b:1::/48'] }, true)).toBe('nat64LocalUse');
  });

  it('applies an IPv4 allowlist to every IPv6 form of the address, and an IPv6 range never to the IPv4 address inside', () => {
    const loopback = { allowedCidrs: ['127.0.0.0/8'] };
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::7f00:1', '::ffff:0:7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::']) {
      expect(addressProblem(address, loopback)).toBeNull();
    }
    expect(addressProblem('::ffff:10.0.0.1', loopback)).toBe('private');
    expect(addressProblem('64:ff9b::a00:1', { allowedCidrs: ['64:ff9b::/96'] })).toBe('private');
    expect(addressProblem('2002:a00:1::', { allowedCidrs: ['2002::/16'] })).toBe('private');
    expect(addressProblem('fd12::1', { allowedCidrs: ['fd12::/16'] })).toBeNull();
  });

  it('lets an allowlisted host name resolve to any of these forms of a private address', () => {
    expect(addressProblem('64:ff9b::a00:1', strict, true)).toBeNull();
    expect(addressProblem('::7f00:1', strict, true)).toBeNull();
  });
});

describe(parseAllowList.name, () => {
  it('reads host names and ranges; a bare address is a /32 or /128', () => {
    expect(parseAllowList('Product.Test, 127.0.0.0/8, 10.20.0.5, ::1')).toEqual({ allowedHosts: ['product.test'], allowedCidrs: ['127.0.0.0/8', '10.20.0.5/32', '::1/128'] });
  });
});
