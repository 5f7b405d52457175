import { Skeleton, Stack } from '@mantine/core';

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" data-testid="loading">
      <Skeleton height={34} radius="sm" />
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={28} radius="sm" opacity={1 - index * 0.12} />
      ))}
    </Stack>
  );
}
