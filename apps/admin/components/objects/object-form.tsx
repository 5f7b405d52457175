'use client';

import {
  Button,
  CloseButton,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import Link from 'next/link';
import { type ReactNode, useEffect, useState } from 'react';
import type { FormState } from '@/lib/form-state';
import { fieldsFor, fieldVariants } from '@/lib/resources/field-variants';
import type { FieldSpec, ResourceKind } from '@/lib/resources/types';
import { SignInAgain } from '../auth/sign-in-again';
import { ModelTemplates } from '../authorization/model-templates';
import { FormError, useFormAction } from '../common/form-action';
import { useT } from '../i18n/i18n-provider';
import { KeyboardPill } from './keyboard-pill';
import { ReferenceSelect } from './reference-select';

interface ObjectFormProps {
  mode: 'create' | 'edit';
  /** The kind of object, for forms whose fields follow the object's values (a provider's type). */
  kind?: ResourceKind;
  fields: FieldSpec[];
  initial: Record<string, unknown>;
  options: Record<string, string[]>;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  cancelHref: string;
  /** A notice to show once (after a create or a rename). */
  notice?: string;
  /** May the signed-in user change this object? */
  readOnly?: boolean;
  /** The field that names the object's organization (`owner`, `organization`), or `name` for an organization itself. */
  organizationField?: string;
  children?: ReactNode;
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
const withCurrent = (choices: readonly string[] | undefined, current: string[]) => [
  ...new Set([...(choices ?? []), ...current.filter(Boolean)]),
];

const pad = (number: number) => String(number).padStart(2, '0');

/** A stored time (RFC 3339) as the browser's date-and-time picker shows it, in local time; '' for none or unreadable. */
function toLocalInput(value: string): string {
  const time = value ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) return '';
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** The picker's local time as a stored time (RFC 3339, UTC); '' when cleared. */
function fromLocalInput(value: string): string {
  const time = value ? new Date(value) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

/** The create and edit form of any object; errors of the API appear at the top, ours next to each field. */
export function ObjectForm({
  mode,
  kind,
  fields,
  initial,
  options,
  action,
  cancelHref,
  notice,
  readOnly = false,
  organizationField,
  children,
}: ObjectFormProps) {
  const t = useT();
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const { state, action: formAction, pending, form } = useFormAction(action, { savedMessage: t('common.saved') });
  const references = fields.filter((field) => field.optionsFrom && field.optionsFrom.kind !== 'organizations');
  const set = (name: string, value: unknown) =>
    setValues((current) => {
      const next = { ...current, [name]: value };
      // Objects of another organization cannot be referred to: a new organization empties the fields that name them
      // (an organization's own rename keeps them: its objects follow it).
      if (name === organizationField && organizationField !== 'name' && value !== current[name])
        for (const field of references) next[field.name] = field.kind === 'select' ? '' : [];
      const follow = kind ? fieldVariants[kind]?.follow : undefined;
      return follow ? follow(name, next) : next;
    });
  // An organization's own objects are found under its stored name until a rename is saved.
  const organization = organizationField
    ? asText((organizationField === 'name' ? initial : values)[organizationField])
    : '';

  useEffect(() => {
    if (!notice) return;
    notifications.show({ color: 'teal', message: notice });
    // Said once: a reload of the page does not say it again.
    const url = new URL(window.location.href);
    url.searchParams.delete('created');
    url.searchParams.delete('saved');
    window.history.replaceState(window.history.state, '', url);
  }, [notice]);

  const visible = (kind ? fieldsFor(kind, fields, values) : fields).filter(
    (field) => !(field.createOnly && mode === 'edit'),
  );

  const input = (field: FieldSpec) => {
    const common = {
      label: t(field.label),
      description: field.help ? t(field.help) : undefined,
      error: state.fieldErrors?.[field.name],
      withAsterisk: field.required,
      disabled: readOnly || (mode === 'edit' && field.fixedAfterCreate),
      name: field.name,
    };
    const clearButtonProps = { 'aria-label': t('common.clear') };
    const optionHelp = field.optionHelp;
    // A choice with a line of help under it (what each grant type or token format means).
    const renderOption = optionHelp
      ? ({ option }: { option: { value: string; label: string } }) => (
          <div>
            <Text size="sm">{option.label}</Text>
            {optionHelp[option.value] ? (
              <Text size="xs" c="dimmed">
                {t(optionHelp[option.value]!)}
              </Text>
            ) : null}
          </div>
        )
      : undefined;
    const value = values[field.name];
    if (field.optionsFrom && field.optionsFrom.kind !== 'organizations' && field.kind !== 'text') {
      const { name: _name, ...shown } = common;
      return (
        <ReferenceSelect
          {...shown}
          field={{ ...field, optionsFrom: field.optionsFrom }}
          organization={organization}
          value={field.kind === 'select' ? asText(value) : asList(value)}
          onChange={(next) => set(field.name, next)}
        />
      );
    }
    switch (field.kind) {
      case 'switch':
        return (
          <Switch
            label={common.label}
            description={common.description}
            error={common.error}
            disabled={common.disabled}
            name={common.name}
            checked={Boolean(value)}
            onChange={(event) => set(field.name, event.currentTarget.checked)}
            mt="md"
          />
        );
      case 'number':
        return (
          <NumberInput
            {...common}
            value={typeof value === 'number' ? value : asText(value)}
            onChange={(next) => set(field.name, next)}
            allowDecimal
          />
        );
      case 'password':
        return (
          <PasswordInput
            {...common}
            value={asText(value)}
            onChange={(event) => set(field.name, event.currentTarget.value)}
            autoComplete="new-password"
          />
        );
      case 'textarea':
        return (
          <Textarea
            {...common}
            value={asText(value)}
            onChange={(event) => set(field.name, event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
          />
        );
      case 'datetime':
        return (
          <TextInput
            {...common}
            type="datetime-local"
            value={toLocalInput(asText(value))}
            onChange={(event) => set(field.name, fromLocalInput(event.currentTarget.value))}
            rightSection={
              asText(value) && !common.disabled ? (
                <CloseButton {...clearButtonProps} size="sm" onClick={() => set(field.name, '')} />
              ) : null
            }
          />
        );
      case 'code':
        return (
          <>
            {field.templates === 'casbin-model' ? (
              <ModelTemplates onInsert={(text) => set(field.name, text)} disabled={common.disabled} />
            ) : null}
            <Textarea
              {...common}
              value={asText(value)}
              onChange={(event) => set(field.name, event.currentTarget.value)}
              autosize
              minRows={6}
              maxRows={20}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
          </>
        );
      case 'select': {
        const current = asText(value);
        return (
          <Select
            {...common}
            data={withCurrent(field.options ?? options[field.name], [current])}
            value={current || null}
            onChange={(next) => set(field.name, next ?? '')}
            searchable
            clearable={!field.required}
            clearButtonProps={clearButtonProps}
            nothingFoundMessage={t('common.none')}
            renderOption={renderOption}
          />
        );
      }
      case 'multiselect':
        return (
          <MultiSelect
            {...common}
            data={withCurrent(field.options ?? options[field.name], asList(value))}
            value={asList(value)}
            onChange={(next) => set(field.name, next)}
            searchable
            clearable
            clearButtonProps={clearButtonProps}
            renderOption={renderOption}
            renderPill={({ value: item, onRemove, disabled }) => (
              <KeyboardPill value={item ?? ''} onRemove={onRemove} disabled={disabled} />
            )}
          />
        );
      case 'tags':
        return (
          <TagsInput
            {...common}
            data={withCurrent(field.options ?? options[field.name], [])}
            value={asList(value)}
            onChange={(next) => set(field.name, next)}
            clearable
            clearButtonProps={clearButtonProps}
            splitChars={[',', ' ']}
            renderPill={({ value: item, onRemove, disabled }) => (
              <KeyboardPill value={item ?? ''} onRemove={onRemove} disabled={disabled} />
            )}
          />
        );
      default:
        return (
          <TextInput
            {...common}
            type={field.kind === 'email' ? 'email' : field.kind === 'url' ? 'url' : 'text'}
            value={asText(value)}
            onChange={(event) => set(field.name, event.currentTarget.value)}
            autoComplete="off"
          />
        );
    }
  };

  return (
    <>
      <SignInAgain state={state} form={form} />
      <form action={formAction} ref={form} noValidate data-testid="object-form">
        <input type="hidden" name="values" value={JSON.stringify(values)} />
        <Stack gap="lg">
          <FormError state={state} testId="form-error" />
          {children}
          <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
              {visible.map((field) => (
                <div
                  key={field.name}
                  style={field.wide || field.kind === 'code' ? { gridColumn: '1 / -1' } : undefined}
                >
                  {input(field)}
                </div>
              ))}
            </SimpleGrid>
          </Paper>
          {readOnly ? null : (
            <Group justify="flex-end" gap="sm">
              <Button component={Link} href={cancelHref} variant="default">
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={pending}
                leftSection={<IconDeviceFloppy size={16} />}
                data-testid="save-object"
              >
                {mode === 'create' ? t('common.create') : t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </>
  );
}
