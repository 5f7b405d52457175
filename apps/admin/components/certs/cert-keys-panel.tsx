import { Section } from '../common/section';
import { PemBlock } from './pem-block';

interface CertKeysPanelProps {
  name: string;
  certificate: string;
  /** The certificate's public key (PEM), or '' when the certificate cannot be read. */
  publicKey: string;
  labels: { title: string; help: string; certificate: string; publicKey: string };
}

/** A cert's certificate and public key, to copy or download (the private key never leaves the server here). */
export function CertKeysPanel({ name, certificate, publicKey, labels }: CertKeysPanelProps) {
  return (
    <Section title={labels.title} help={labels.help} testId="cert-keys">
      {certificate ? (
        <PemBlock label={labels.certificate} value={certificate} fileName={`${name}.crt`} testId="cert-certificate" />
      ) : null}
      {publicKey ? (
        <PemBlock label={labels.publicKey} value={publicKey} fileName={`${name}.pub.pem`} testId="cert-public-key" />
      ) : null}
    </Section>
  );
}
