import 'server-only';
import { X509Certificate } from 'node:crypto';

/** The public key of a PEM certificate, as PEM (SPKI); '' when the text is not a certificate. */
export function publicKeyOf(certificate: string): string {
  if (!certificate.trim()) return '';
  try {
    return String(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'pem' }));
  } catch {
    return '';
  }
}
