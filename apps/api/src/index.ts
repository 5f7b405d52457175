import { ConfigError, loadConfig } from './config/index.ts';
import { startServer } from './server/start.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`latchkey: configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const running = await startServer(config);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await running.stop();
    process.exit(0);
  });
}
