import { codecs, findRow, insertRow } from '@latchkey/db';
import { BUILT_IN_ADMIN, BUILT_IN_APPLICATION, BUILT_IN_CERT, BUILT_IN_ORGANIZATION } from '../core/built-in-names.ts';
import { type AppContext, formatTime } from '../core/context.ts';
import { generateCertificate } from '../core/crypto/certificates.ts';
import { newId, randomHex, randomPassword } from '../core/crypto/random.ts';
import { ensureCasbinDefaults } from './casbin-defaults.ts';

export interface BuiltInsResult {
  /** True when this call created the built-in objects; false when they already existed. */
  created: boolean;
  /** The administrator password, when it was generated here (not taken from configuration). */
  generatedPassword?: string;
}

export interface BuiltInsOptions {
  /**
   * Keeps a generated administrator password (in a file). Called in the transaction that creates
   * the built-ins, before it commits: once they exist, the password has been kept, even if the
   * process is killed right after; and when it cannot be kept, nothing is created.
   */
  keepGeneratedPassword?: (password: string) => void | Promise<void>;
  /** Makes the key pair and cert of `cert-built-in` (a fresh one by default; tests reuse one). */
  generateCertificate?: typeof generateCertificate;
}

/** Casdoor's global payment providers of a first start: name, display name, type. */
const BUILT_IN_PAYMENT_PROVIDERS = [
  ['provider_balance', 'Balance', 'Balance'],
  ['provider_payment_dummy', 'Dummy Payment', 'Dummy'],
] as const;

/** True once the built-in objects exist (they are created together, in one transaction). */
export async function builtInsExist(db: AppContext['db']): Promise<boolean> {
  return (await findRow(db, 'organization', { owner: 'admin', name: BUILT_IN_ORGANIZATION })) !== undefined;
}

/**
 * Creates, once, the organization `built-in`, its administrator `built-in/admin`, the application
 * `app-built-in`, the signing cert `cert-built-in` (a fresh RSA 2048 key) and Casdoor's global
 * payment providers `provider_balance` and `provider_payment_dummy`. All in one transaction;
 * when several nodes start together exactly one of them creates them. A later start changes nothing
 * of them. Then Casdoor's default Casbin objects, whichever are missing (casbin-defaults.ts).
 */
export async function ensureBuiltIns(context: AppContext, options: BuiltInsOptions = {}): Promise<BuiltInsResult> {
  const result = await ensureCoreBuiltIns(context, options);
  await ensureCasbinDefaults(context);
  return result;
}

async function ensureCoreBuiltIns(context: AppContext, options: BuiltInsOptions): Promise<BuiltInsResult> {
  if (await builtInsExist(context.db)) return { created: false };

  const now = formatTime(context.clock.now());
  const generatedPassword = context.config.adminPassword ? undefined : randomPassword();
  const stored = await context.passwords.hash(context.config.adminPassword ?? generatedPassword!);
  const cert = await (options.generateCertificate ?? generateCertificate)({
    algorithm: 'RS256',
    bitSize: 2048,
    expireInYears: 20,
    commonName: 'Latchkey built-in',
  });

  try {
    await context.db.transaction().execute(async (trx) => {
      await insertRow(
        trx,
        'organization',
        codecs.organization.encode({
          owner: 'admin',
          name: BUILT_IN_ORGANIZATION,
          createdTime: now,
          displayName: 'Built-in Organization',
          websiteUrl: context.config.origin,
          passwordType: 'argon2id',
          passwordOptions: ['AtLeast8'],
          defaultApplication: BUILT_IN_APPLICATION,
          defaultTokenFormat: 'JWT',
          languages: ['en', 'zh', 'es', 'fr', 'de', 'ja', 'ko', 'pt', 'ru', 'it', 'pl', 'tr', 'uk', 'vi'],
          initScore: 2000,
          hasPrivilegeConsent: true,
        }),
      );
      await insertRow(
        trx,
        'cert',
        codecs.cert.encode({
          owner: 'admin',
          name: BUILT_IN_CERT,
          createdTime: now,
          displayName: 'Built-in Cert',
          scope: 'JWT',
          type: 'x509',
          cryptoAlgorithm: 'RS256',
          bitSize: 2048,
          expireInYears: 20,
          expireTime: cert.expireTime,
          certificate: cert.certificate,
          privateKey: context.secrets.seal(cert.privateKey),
        }),
      );
      await insertRow(
        trx,
        'application',
        codecs.application.encode({
          owner: 'admin',
          name: BUILT_IN_APPLICATION,
          createdTime: now,
          displayName: 'Latchkey',
          organization: BUILT_IN_ORGANIZATION,
          cert: BUILT_IN_CERT,
          enablePassword: true,
          enableSignUp: false,
          clientId: randomHex(10),
          clientSecret: context.secrets.seal(randomHex(20)),
          grantTypes: ['authorization_code', 'refresh_token'],
          tokenFormat: 'JWT',
          tokenSigningMethod: 'RS256',
          expireInHours: 168,
          refreshExpireInHours: 168,
          cookieExpireInHours: 720,
          failedSigninLimit: 5,
          failedSigninFrozenTime: 15,
          signinMethods: [{ name: 'Password', displayName: 'Password', rule: 'All' }],
        }),
      );
      await insertRow(
        trx,
        'user',
        codecs.user.encode({
          owner: BUILT_IN_ORGANIZATION,
          name: BUILT_IN_ADMIN,
          createdTime: now,
          updatedTime: now,
          id: newId(),
          type: 'normal-user',
          displayName: 'Admin',
          isAdmin: true,
          signupApplication: BUILT_IN_APPLICATION,
          registerType: 'Add User',
          lastChangePasswordTime: now,
          ...stored,
        }),
      );
      // Casdoor's global payment providers (Dummy: paid at once, without money; Balance: from the
      // user's balance), which products may name; neither is offered unless a product names it.
      for (const [name, displayName, type] of BUILT_IN_PAYMENT_PROVIDERS) {
        await insertRow(
          trx,
          'provider',
          codecs.provider.encode({ owner: 'admin', name, createdTime: now, displayName, category: 'Payment', type }),
        );
      }
      if (generatedPassword) await options.keepGeneratedPassword?.(generatedPassword);
    });
  } catch (error) {
    // Another node created them first: its transaction won, ours left nothing behind.
    if (await builtInsExist(context.db)) return { created: false };
    throw error;
  }
  return { created: true, generatedPassword };
}
