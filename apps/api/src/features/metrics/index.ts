export { type Metrics, metrics, type SigninFailureReason } from '../../core/metrics/metrics.ts';
export { metricsRoutes } from './routes.ts';
