import forge from 'node-forge';

export interface Pem {
  cert: string;
  key: string;
}

function keyPair(): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
}

/** A certificate for localhost/127.0.0.1 valid between the given dates, signed by `issuer` (self-signed when omitted). */
export function certificate(options: { notBefore: Date; notAfter: Date; issuer?: Pem; isCa?: boolean; commonName?: string }): Pem {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(Math.floor(Math.random() * 1e12));
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  const subject = [{ name: 'commonName', value: options.commonName ?? 'localhost' }];
  cert.setSubject(subject);
  const issuerCert = options.issuer ? forge.pki.certificateFromPem(options.issuer.cert) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  cert.setExtensions(
    options.isCa
      ? [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]
      : [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  );
  const signingKey = options.issuer ? forge.pki.privateKeyFromPem(options.issuer.key) : keys.privateKey;
  cert.sign(signingKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) };
}

const DAY = 86_400_000;

/** A test CA, a certificate it signed for localhost (valid a year), and an expired self-signed one. */
export function testCertificates(): { ca: Pem; valid: Pem; expired: Pem } {
  const now = Date.now();
  const ca = certificate({ notBefore: new Date(now - DAY), notAfter: new Date(now + 3_650 * DAY), isCa: true, commonName: 'dondoc test CA' });
  const valid = certificate({ notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY), issuer: ca });
  const expired = certificate({ notBefore: new Date(now - 730 * DAY), notAfter: new Date(now - 365 * DAY) });
  return { ca, valid, expired };
}
