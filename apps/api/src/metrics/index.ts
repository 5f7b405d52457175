export { metrics, type Metrics, type SigninFailureReason } from './metrics.ts';
export { requestMetrics } from './recorder.ts';
export { metricsRoutes } from './routes.ts';
