import type { Kysely } from 'kysely';

/** Applications, signing certificates, tokens, sign-in sessions and access keys. Booleans are 0/1 integers and arrays or objects JSON text, the same on every dialect. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('logo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('homepageUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cert', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enablePassword', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableSignUp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableSigninSession', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableAutoSignin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableCodeSignin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableSamlCompress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableWebAuthn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enableLinkWithEmail', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disableSignin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orgChoiceMode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('samlReplyUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('providers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signinMethods', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signupItems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signinItems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('grantTypes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientSecret', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('redirectUris', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tokenFormat', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tokenSigningMethod', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tokenFields', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expireInHours', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('refreshExpireInHours', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('cookieExpireInHours', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('signupUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signinUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('forgetUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('affiliationUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('termsOfUse', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signupHtml', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signinHtml', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('themeData', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('failedSigninLimit', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failedSigninFrozenTime', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('backchannelLogoutUri', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ipWhitelist', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isShared', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('application_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('application_client_id').unique().on('application').columns(['clientId']).execute();
  await db.schema.createIndex('application_organization').on('application').columns(['organization']).execute();

  await db.schema
    .createTable('cert')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cryptoAlgorithm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bitSize', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('expireInYears', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('expireTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('certificate', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('privateKey', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authorityPublicKey', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authorityRootPublicKey', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('cert_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('token')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessToken', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('refreshToken', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessTokenHash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('refreshTokenHash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expiresIn', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tokenType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('grantType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('codeChallenge', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('codeIsUsed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('codeExpireIn', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('resource', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('codeHash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('redirectUri', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nonce', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authTime', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('familyId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sessionId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('refreshExpiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('token_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('token_access_token_hash').on('token').columns(['accessTokenHash']).execute();
  await db.schema.createIndex('token_refresh_token_hash').on('token').columns(['refreshTokenHash']).execute();
  await db.schema.createIndex('token_code_hash').on('token').columns(['codeHash']).execute();
  await db.schema.createIndex('token_organization_user').on('token').columns(['organization', 'user']).execute();
  await db.schema.createIndex('token_application').on('token').columns(['application']).execute();
  await db.schema.createIndex('token_family').on('token').columns(['familyId']).execute();
  await db.schema.createIndex('token_created_time').on('token').columns(['createdTime']).execute();

  await db.schema
    .createTable('session')
    .addColumn('sessionId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expireTime', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('clientIp', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('userAgent', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('session_pkey', ['sessionId'])
    .execute();
  await db.schema
    .createIndex('session_user_application')
    .on('session')
    .columns(['owner', 'name', 'application'])
    .execute();
  await db.schema.createIndex('session_created_time').on('session').columns(['createdTime']).execute();

  await db.schema
    .createTable('key')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updatedTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessKey', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessSecret', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expireTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('key_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('key_access_key').unique().on('key').columns(['accessKey']).execute();
  await db.schema.createIndex('key_organization_user').on('key').columns(['organization', 'user']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('key').execute();
  await db.schema.dropTable('session').execute();
  await db.schema.dropTable('token').execute();
  await db.schema.dropTable('cert').execute();
  await db.schema.dropTable('application').execute();
}
