'use client';

import { Anchor, type AnchorProps, Button, type ButtonProps, UnstyledButton } from '@mantine/core';
import Link from 'next/link';
import type { CSSProperties, ReactNode } from 'react';

/** Mantine controls that navigate with Next's Link (usable from server components). */
export function ButtonLink({
  href,
  children,
  ...props
}: ButtonProps & { href: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Button component={Link} href={href} {...props}>
      {children}
    </Button>
  );
}

export function AnchorLink({ href, children, ...props }: AnchorProps & { href: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={href} {...props}>
      {children}
    </Anchor>
  );
}

export function UnstyledLink({
  href,
  children,
  style,
  ...props
}: {
  href: string;
  children: ReactNode;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  return (
    <UnstyledButton component={Link} href={href} style={style} {...props}>
      {children}
    </UnstyledButton>
  );
}
