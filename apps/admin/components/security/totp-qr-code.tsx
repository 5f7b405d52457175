'use client';

import { Box, Code, Image, Loader, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * What an authenticator app needs to take a new secret: the otpauth:// URI as a QR code (drawn in
 * the browser, so that the secret goes nowhere else), and the key itself for typing in by hand.
 */
export function TotpQrCode({
  url,
  secret,
  scanText,
  keyText,
  alt,
}: {
  url: string;
  secret: string;
  scanText: string;
  keyText: string;
  alt: string;
}) {
  const [image, setImage] = useState('');
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 220 }).then(
      (data) => {
        if (current) setImage(data);
      },
      () => {
        if (current) setImage('');
      },
    );
    return () => {
      current = false;
    };
  }, [url]);
  return (
    <Stack gap="xs">
      <Text size="sm">{scanText}</Text>
      <Box w={200} h={200} mx="auto" style={{ display: 'grid', placeItems: 'center' }}>
        {image ? (
          <Image src={image} alt={alt} w={200} h={200} data-testid="mfa-qr-code" />
        ) : (
          <Loader size="sm" aria-label={alt} />
        )}
      </Box>
      <Text size="sm">{keyText}</Text>
      <Code block data-testid="mfa-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
    </Stack>
  );
}
