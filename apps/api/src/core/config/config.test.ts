import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './index.ts';

describe('configuration', () => {
  test('defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      dataDir: resolve('./data'),
      origin: 'http://127.0.0.1:8000',
      logLevel: 'info',
      corsOrigins: [],
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  test('environment variables', () => {
    const config = loadConfig({
      LATCHKEY_HOST: '0.0.0.0',
      LATCHKEY_PORT: '9000',
      LATCHKEY_DATA_DIR: '/var/lib/latchkey',
      LATCHKEY_ORIGIN: 'https://id.example.com/',
      LATCHKEY_LOG_LEVEL: 'WARN',
      DATABASE_URL: 'postgres://u:p@db:5432/latchkey',
      LATCHKEY_CORS_ORIGINS: 'https://app.example.com, http://localhost:3000',
      LATCHKEY_SECRET_KEY: 'ab'.repeat(32),
      LATCHKEY_HOUSEKEEPING_INTERVAL: '120',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/latchkey',
      origin: 'https://id.example.com',
      logLevel: 'warn',
      databaseUrl: 'postgres://u:p@db:5432/latchkey',
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
      housekeepingInterval: 120,
    });
    expect(config.secretKey?.length).toBe(32);
  });

  test('the origin follows the port when not set', () => {
    expect(loadConfig({ LATCHKEY_PORT: '8123' }).origin).toBe('http://127.0.0.1:8123');
  });

  test.each([
    ['LATCHKEY_PORT', 'eighty', 'a whole number from 1 to 65535'],
    ['LATCHKEY_PORT', '70000', 'a whole number from 1 to 65535'],
    ['LATCHKEY_HOST', 'a b', 'a host name or IP address'],
    ['LATCHKEY_ORIGIN', 'id.example.com', 'an http:// or https:// origin'],
    ['LATCHKEY_ORIGIN', 'https://id.example.com/path', 'without a path'],
    ['LATCHKEY_LOG_LEVEL', 'loud', 'one of debug, info, warn, error, silent'],
    ['DATABASE_URL', 'mysql://x', 'a postgres:// or postgresql:// connection URL'],
    ['LATCHKEY_SECRET_KEY', 'short', '32 random bytes'],
    ['LATCHKEY_TRUST_PROXY', 'maybe', 'true or false'],
    ['LATCHKEY_CORS_ORIGINS', 'https://ok.example.com,notanorigin', 'an http:// or https:// origin'],
  ])('a bad %s (%p) names itself and what it expects', (name, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(name);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).message).toContain(expected);
  });

  test('a config file, overridden by the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-config-'));
    const file = join(dir, 'latchkey.json');
    writeFileSync(file, JSON.stringify({ port: 8100, logLevel: 'debug', corsOrigins: ['https://a.example.com'] }));
    const config = loadConfig({ LATCHKEY_CONFIG: file, LATCHKEY_LOG_LEVEL: 'error' });
    expect(config.port).toBe(8100);
    expect(config.logLevel).toBe('error');
    expect(config.corsOrigins).toEqual(['https://a.example.com']);
  });

  test('a config file with an unknown or bad key names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-config-'));
    const file = join(dir, 'latchkey.json');
    writeFileSync(file, JSON.stringify({ prot: 8100 }));
    expect(() => loadConfig({ LATCHKEY_CONFIG: file })).toThrow(/prot in/);
    writeFileSync(file, JSON.stringify({ port: 'x' }));
    expect(() => loadConfig({ LATCHKEY_CONFIG: file })).toThrow(/port in .* must be a whole number/);
    writeFileSync(file, '{nope');
    expect(() => loadConfig({ LATCHKEY_CONFIG: file })).toThrow(/LATCHKEY_CONFIG must be a JSON object/);
  });
});
