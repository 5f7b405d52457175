import type { Language } from '@latchkey/i18n';
import {
  Anchor,
  Badge,
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
import type { ReactNode } from 'react';
import { formatTime, tokenExpiry } from '@/lib/format';
import type { Translate } from '@/lib/i18n/messages';
import type { ObjectRow } from '@/lib/objects';
import type { Listed, UserAccess } from '@/lib/user-page';
import { AnchorLink } from '../common/links';
import { Section } from '../common/section';
import { EmptyState, ErrorAlert } from '../common/states';
import { DeleteButton } from '../objects/delete-button';
import { OutcomeBadge } from '../objects/outcome-badge';

/** The sections of a user's page, in order: their anchors and titles. */
export const userSectionIds = ['profile', 'security', 'access', 'sessions', 'tokens', 'activity'] as const;
export type UserSectionId = (typeof userSectionIds)[number];

/** The links to a user's sections: one line that scrolls sideways on a narrow screen. */
export function UserSectionNav({ t }: { t: Translate }) {
  return (
    <nav aria-label={t('users.sections')} data-testid="user-sections">
      <Group
        gap="xs"
        wrap="nowrap"
        py={4}
        style={{ overflowX: 'auto', scrollbarWidth: 'thin' }}
        component="ul"
        m={0}
        p={0}
        styles={{ root: { listStyle: 'none' } }}
      >
        {userSectionIds.map((id) => (
          <li key={id}>
            <Anchor
              href={`#${id}`}
              size="sm"
              fw={500}
              px="xs"
              py={6}
              style={{ whiteSpace: 'nowrap', display: 'block' }}
            >
              {t(`users.section_${id}`)}
            </Anchor>
          </li>
        ))}
      </Group>
    </nav>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" data-testid="section-empty">
      {text}
    </Text>
  );
}

/** A small table; `actions` names its last column (of buttons) for screen readers only. */
function Rows({
  headers,
  actions,
  children,
  testId,
}: {
  headers: string[];
  actions?: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <TableScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" data-testid={testId}>
        <TableThead>
          <TableTr>
            {headers.map((header) => (
              <TableTh key={header}>{header}</TableTh>
            ))}
            {actions ? (
              <TableTh>
                <span className="visually-hidden">{actions}</span>
              </TableTh>
            ) : null}
          </TableTr>
        </TableThead>
        <TableTbody>{children}</TableTbody>
      </Table>
    </TableScrollContainer>
  );
}

const objectHref = (kind: string, id: string) => `/${kind}/${id.split('/').map(encodeURIComponent).join('/')}`;

function Via({ via, t }: { via: string[]; t: Translate }) {
  if (via.length === 0) return <Text size="sm">{t('users.via_direct')}</Text>;
  return <Text size="sm">{t('users.via', { names: via.join(', ') })}</Text>;
}

/** Groups the user is in, the roles that include them, and the permissions that follow. */
export function UserAccessSection({ groups, access, t }: { groups: string[]; access: UserAccess; t: Translate }) {
  return (
    <Section id="access" title={t('users.section_access')} help={t('users.access_help')} testId="user-access">
      {access.error ? <ErrorAlert title={t('common.error_title')} message={access.error} /> : null}
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('fields.groups')}
        </Text>
        {groups.length === 0 ? (
          <Empty text={t('users.no_groups')} />
        ) : (
          <Group gap={6} data-testid="user-groups">
            {groups.map((group) => (
              <Badge key={group} variant="light" tt="none" component="span">
                <AnchorLink href={objectHref('groups', group)} size="xs" inherit>
                  {group}
                </AnchorLink>
              </Badge>
            ))}
          </Group>
        )}
      </div>
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('objects.roles.title')}
        </Text>
        {access.roles.length === 0 ? (
          <Empty text={t('users.no_roles')} />
        ) : (
          <Rows headers={[t('fields.name'), t('users.through')]} testId="user-roles">
            {access.roles.map((role) => (
              <TableTr key={role.id}>
                <TableTd>
                  <AnchorLink href={objectHref('roles', role.id)} size="sm" fw={600}>
                    {role.displayName}
                  </AnchorLink>
                </TableTd>
                <TableTd>
                  <Via via={role.via} t={t} />
                </TableTd>
              </TableTr>
            ))}
          </Rows>
        )}
      </div>
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('objects.permissions.title')}
        </Text>
        {access.permissions.length === 0 ? (
          <Empty text={t('users.no_permissions')} />
        ) : (
          <Rows
            headers={[
              t('fields.name'),
              t('fields.effect'),
              t('fields.actions'),
              t('fields.resources'),
              t('users.through'),
            ]}
            testId="user-permissions"
          >
            {access.permissions.map((permission) => (
              <TableTr key={permission.id}>
                <TableTd>
                  <AnchorLink href={objectHref('permissions', permission.id)} size="sm" fw={600}>
                    {permission.displayName}
                  </AnchorLink>
                </TableTd>
                <TableTd>
                  <Badge variant="light" color={permission.effect === 'Deny' ? 'red' : 'teal'} tt="none">
                    {permission.effect || 'Allow'}
                  </Badge>
                </TableTd>
                <TableTd>
                  <Text size="sm">{permission.actions.join(', ')}</Text>
                </TableTd>
                <TableTd>
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>
                    {permission.resources.join(', ')}
                  </Text>
                </TableTd>
                <TableTd>
                  <Via via={permission.via} t={t} />
                </TableTd>
              </TableTr>
            ))}
          </Rows>
        )}
      </div>
    </Section>
  );
}

/** The user's sessions, one per application, each with its sign-out. */
export function UserSessionsSection({ sessions, language, t }: { sessions: Listed; language: Language; t: Translate }) {
  return (
    <Section id="sessions" title={t('users.section_sessions')} help={t('users.sessions_help')} testId="user-sessions">
      {sessions.error ? <ErrorAlert title={t('common.error_title')} message={sessions.error} /> : null}
      {sessions.rows.length === 0 ? (
        <Empty text={t('users.no_sessions')} />
      ) : (
        <Rows
          headers={[t('fields.application'), t('fields.created_time'), t('fields.session_ids')]}
          actions={t('common.actions')}
          testId="user-session-rows"
        >
          {sessions.rows.map((row) => (
            <TableTr key={String(row.application)} data-testid="user-session">
              <TableTd>
                <Text size="sm" fw={600}>
                  {String(row.application ?? '')}
                </Text>
              </TableTd>
              <TableTd>
                <Text size="sm">{formatTime(language, row.createdTime)}</Text>
              </TableTd>
              <TableTd>
                <Badge variant="light">{Array.isArray(row.sessionId) ? row.sessionId.length : 0}</Badge>
              </TableTd>
              <TableTd style={{ textAlign: 'right' }}>
                <DeleteButton
                  kind="sessions"
                  identity={{ owner: row.owner, name: row.name, application: String(row.application ?? '') }}
                  label={`${row.owner}/${row.name}`}
                  verb="sessions.revoke"
                  titleKey="sessions.revoke_confirm_title"
                  bodyKey="sessions.revoke_confirm_body"
                  iconOnly
                />
              </TableTd>
            </TableTr>
          ))}
        </Rows>
      )}
    </Section>
  );
}

/** The user's tokens, newest first, each with its revocation. */
export function UserTokensSection({ tokens, language, t }: { tokens: Listed; language: Language; t: Translate }) {
  return (
    <Section id="tokens" title={t('users.section_tokens')} help={t('users.tokens_help')} testId="user-tokens">
      {tokens.error ? <ErrorAlert title={t('common.error_title')} message={tokens.error} /> : null}
      {tokens.rows.length === 0 ? (
        <Empty text={t('users.no_tokens')} />
      ) : (
        <Rows
          headers={[t('fields.application'), t('fields.scope'), t('fields.issued'), t('fields.expires')]}
          actions={t('common.actions')}
          testId="user-token-rows"
        >
          {tokens.rows.map((row: ObjectRow) => {
            const expiry = tokenExpiry(row.createdTime, row.expiresIn);
            return (
              <TableTr key={row.name} data-testid="user-token">
                <TableTd>
                  <Text size="sm" fw={600}>
                    {String(row.application ?? '')}
                  </Text>
                </TableTd>
                <TableTd>
                  <Text size="sm">{String(row.scope ?? '')}</Text>
                </TableTd>
                <TableTd>
                  <Text size="sm">{formatTime(language, row.createdTime)}</Text>
                </TableTd>
                <TableTd>
                  {expiry.state === 'revoked' ? (
                    <Badge color="gray">{t('tokens.revoked_state')}</Badge>
                  ) : (
                    <Text size="sm">
                      {formatTime(language, expiry.at)}
                      {expiry.state === 'expired' ? ` · ${t('tokens.expired')}` : ''}
                    </Text>
                  )}
                </TableTd>
                <TableTd style={{ textAlign: 'right' }}>
                  {expiry.state === 'revoked' ? null : (
                    <DeleteButton
                      kind="tokens"
                      identity={{ owner: row.owner, name: row.name, organization: String(row.organization ?? '') }}
                      label={row.name}
                      verb="tokens.revoke"
                      titleKey="tokens.revoke_confirm_title"
                      bodyKey="tokens.revoke_confirm_body"
                      iconOnly
                    />
                  )}
                </TableTd>
              </TableTr>
            );
          })}
        </Rows>
      )}
    </Section>
  );
}

/** The latest audit records of the user's own calls, with a link to all of them. */
export function UserActivitySection({
  id,
  records,
  language,
  t,
}: {
  id: string;
  records: Listed;
  language: Language;
  t: Translate;
}) {
  const all = `/records?${new URLSearchParams({ field: 'user', value: id }).toString()}`;
  return (
    <Section id="activity" title={t('users.section_activity')} help={t('users.activity_help')} testId="user-activity">
      {records.error ? <ErrorAlert title={t('common.error_title')} message={records.error} /> : null}
      {records.rows.length === 0 ? (
        <EmptyState title={t('users.no_activity')} body={t('users.no_activity_body')} />
      ) : (
        <Rows
          headers={[t('records.time'), t('fields.action'), t('fields.client_ip'), t('records.outcome')]}
          testId="user-records"
        >
          {records.rows.map((row) => (
            <TableTr key={`${row.owner}/${row.name}`} data-testid="user-record">
              <TableTd>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatTime(language, row.createdTime)}
                </Text>
              </TableTd>
              <TableTd>
                <Text size="sm">{String(row.action ?? '')}</Text>
              </TableTd>
              <TableTd>
                <Text size="sm">{String(row.clientIp ?? '')}</Text>
              </TableTd>
              <TableTd>
                <OutcomeBadge record={row} t={t} />
              </TableTd>
            </TableTr>
          ))}
        </Rows>
      )}
      <Group justify="flex-end">
        <AnchorLink href={all} size="sm" data-testid="all-activity">
          {t('users.all_activity')}
        </AnchorLink>
      </Group>
    </Section>
  );
}
