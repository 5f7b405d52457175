import { ensurePortalBuilt, startLatchkeyWithPortal } from './latchkey';

/** Builds the portal if needed, starts one real Latchkey for the whole run, and stops it afterwards. */
export default async function globalSetup() {
  ensurePortalBuilt();
  const latchkey = await startLatchkeyWithPortal();
  process.env.LATCHKEY_E2E_URL = latchkey.url;
  process.env.LATCHKEY_E2E_ADMIN_PASSWORD = latchkey.adminPassword;
  return async () => {
    await latchkey.stop();
  };
}
