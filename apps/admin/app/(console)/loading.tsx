import { Skeleton, Stack } from '@mantine/core';
import { TableSkeleton } from '../../components/objects/table-skeleton';

export default function Loading() {
  return (
    <Stack gap="lg">
      <Skeleton height={36} width="40%" radius="md" />
      <Skeleton height={16} width="60%" radius="md" />
      <TableSkeleton />
    </Stack>
  );
}
