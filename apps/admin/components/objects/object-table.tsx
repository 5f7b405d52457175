import type { Language } from '@latchkey/i18n';
import {
  Badge,
  Code,
  Group,
  Table,
  TableScrollContainer,
  TableTbody,
  TableTd,
  TableTh,
  TableThead,
  TableTr,
  Text,
} from '@mantine/core';
import { IconArrowsSort, IconCheck, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { formatTime, recordCaller, tokenExpiry } from '@/lib/format';
import type { Translate } from '@/lib/i18n/messages';
import { type ListState, listHref } from '@/lib/list-state';
import type { ObjectRow } from '@/lib/objects';
import { type ColumnSpec, objectPath, organizationOf, ownerOf, type ResourceSpec } from '@/lib/resources';
import { AnchorLink, UnstyledLink } from '../common/links';
import { RecordDetails } from '../records/record-details';
import { RowCheckbox, SelectAllCheckbox } from '../users/user-selection';
import { CopyTokenButton } from './copy-token-button';
import { DeleteButton } from './delete-button';
import { OutcomeBadge } from './outcome-badge';

interface ObjectTableProps {
  spec: ResourceSpec;
  rows: ObjectRow[];
  state: ListState;
  language: Language;
  t: Translate;
  /** The list shows one organization: its column would say the same on every row. */
  oneOrganization?: boolean;
  /** Rows can be selected for bulk actions (inside a UserSelection). */
  selectable?: boolean;
}

function Cell({ column, row, language, t }: { column: ColumnSpec; row: ObjectRow; language: Language; t: Translate }) {
  const value = row[column.name];
  switch (column.render) {
    case 'flag':
      return value ? (
        <IconCheck size={18} color="var(--mantine-color-teal-6)" aria-label={t('common.yes')} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.no')}
        </Text>
      );
    case 'tags': {
      const items = Array.isArray(value) ? value.map(String) : [];
      return (
        <Group gap={4}>
          {items.slice(0, 3).map((item) => (
            <Badge key={item} variant="light" size="sm" tt="none">
              {item}
            </Badge>
          ))}
          {items.length > 3 ? (
            <Badge variant="outline" size="sm">
              +{items.length - 3}
            </Badge>
          ) : null}
        </Group>
      );
    }
    case 'blocked':
      return (
        <Badge variant="light" color={value ? 'red' : 'teal'} data-testid="user-status">
          {value ? t('users.status_blocked') : t('users.status_active')}
        </Badge>
      );
    case 'time':
      return (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatTime(language, value) || (column.name === 'lastSigninTime' ? t('users.never') : '')}
        </Text>
      );
    case 'mono':
      return value ? <Code style={{ wordBreak: 'break-all' }}>{String(value)}</Code> : null;
    case 'caller':
      return <Text size="sm">{recordCaller(row)}</Text>;
    case 'outcome':
      return <OutcomeBadge record={row} t={t} />;
    case 'status':
      return <Badge variant="light">{Array.isArray(value) ? value.length : 0}</Badge>;
    case 'expiry': {
      const expiry = tokenExpiry(row.createdTime, value);
      if (expiry.state === 'revoked') return <Badge color="gray">{t('tokens.revoked_state')}</Badge>;
      return (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatTime(language, expiry.at)}
          </Text>
          {expiry.state === 'expired' ? (
            <Badge color="orange" size="sm">
              {t('tokens.expired')}
            </Badge>
          ) : null}
        </Group>
      );
    }
    default:
      return <Text size="sm">{value === undefined || value === null ? '' : String(value)}</Text>;
  }
}

function SortHeader({
  spec,
  column,
  state,
  t,
}: {
  spec: ResourceSpec;
  column: ColumnSpec;
  state: ListState;
  t: Translate;
}) {
  if (!column.sortable) return <TableTh>{t(column.label)}</TableTh>;
  const active = state.sortField === column.name;
  const nextOrder = active && state.sortOrder === 'ascend' ? 'descend' : 'ascend';
  const Icon = !active ? IconArrowsSort : state.sortOrder === 'ascend' ? IconSortAscending : IconSortDescending;
  return (
    <TableTh aria-sort={active ? (state.sortOrder === 'ascend' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledLink
        href={listHref(spec.kind, state, { sortField: column.name, sortOrder: nextOrder, page: 1 })}
        aria-label={t('common.sort_by', { column: t(column.label) })}
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 4,
          fontWeight: 'inherit',
          fontSize: 'inherit',
          whiteSpace: 'nowrap',
        }}
      >
        {t(column.label)}
        <Icon size={14} aria-hidden opacity={active ? 1 : 0.45} />
      </UnstyledLink>
    </TableTh>
  );
}

/** One page of objects; the first column opens the object, the last holds its actions. */
export function ObjectTable({
  spec,
  rows,
  state,
  language,
  t,
  oneOrganization = false,
  selectable = false,
}: ObjectTableProps) {
  const columns = spec.columns.filter(
    (column, index) => index === 0 || !(oneOrganization && column.label === 'fields.organization'),
  );
  const hasActions = spec.can.delete || spec.kind === 'tokens' || spec.kind === 'records';
  return (
    <TableScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="object-table">
        <TableThead>
          <TableTr>
            {selectable ? (
              <TableTh style={{ width: 1 }}>
                <SelectAllCheckbox />
              </TableTh>
            ) : null}
            {columns.map((column) => (
              <SortHeader key={column.name} spec={spec} column={column} state={state} t={t} />
            ))}
            {hasActions ? (
              <TableTh style={{ textAlign: 'right', width: 1 }}>
                <span className="visually-hidden">{t('common.actions')}</span>
              </TableTh>
            ) : null}
          </TableTr>
        </TableThead>
        <TableTbody>
          {rows.map((row, index) => {
            const key = `${row.owner}/${row.name}/${String(row.application ?? '')}/${index}`;
            const label = spec.kind === 'sessions' ? `${row.owner}/${row.name}` : String(row.name);
            return (
              <TableTr key={key} data-testid="object-row">
                {selectable ? (
                  <TableTd>
                    <RowCheckbox id={`${row.owner}/${row.name}`} />
                  </TableTd>
                ) : null}
                {columns.map((column, columnIndex) => (
                  <TableTd key={column.name}>
                    {columnIndex === 0 && spec.can.open ? (
                      <AnchorLink href={objectPath(spec, row)} fw={600} size="sm">
                        {String(row[column.name] ?? '')}
                      </AnchorLink>
                    ) : (
                      <Cell column={column} row={row} language={language} t={t} />
                    )}
                  </TableTd>
                ))}
                {hasActions ? (
                  <TableTd>
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {spec.kind === 'tokens' ? <CopyTokenButton name={row.name} /> : null}
                      {spec.kind === 'records' ? <RecordDetails record={row} language={language} /> : null}
                      {spec.can.delete ? (
                        <DeleteButton
                          kind={spec.kind}
                          identity={{
                            owner: ownerOf(spec, row),
                            name: row.name,
                            organization: organizationOf(spec, row),
                            application: String(row.application ?? ''),
                          }}
                          label={label}
                          verb={spec.deleteVerb}
                          titleKey={
                            spec.kind === 'tokens'
                              ? 'tokens.revoke_confirm_title'
                              : spec.kind === 'sessions'
                                ? 'sessions.revoke_confirm_title'
                                : undefined
                          }
                          bodyKey={
                            spec.kind === 'tokens'
                              ? 'tokens.revoke_confirm_body'
                              : spec.kind === 'sessions'
                                ? 'sessions.revoke_confirm_body'
                                : undefined
                          }
                          iconOnly
                        />
                      ) : null}
                    </Group>
                  </TableTd>
                ) : null}
              </TableTr>
            );
          })}
        </TableTbody>
      </Table>
    </TableScrollContainer>
  );
}
