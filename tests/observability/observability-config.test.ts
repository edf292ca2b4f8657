/** Traces and metrics are off unless configured; the OTLP traces URL follows the OTLP exporter spec. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.ts';

it('is off by default', () => {
  expect(loadConfig({}).observability).toEqual({ otlpTracesUrl: null, metrics: null });
});

it.each([
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'http://collector:4318/v1/traces'],
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/base/' }, 'http://collector:4318/base/v1/traces'],
  [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' }, 'http://collector:4318/custom'],
])('exports traces to %o at %s', (env, url) => {
  expect(loadConfig(env).observability.otlpTracesUrl).toBe(url);
});

it('takes the OTLP endpoint from the configuration file as well', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ observability: { otlpEndpoint: 'http://collector:4318' } }));
  expect(loadConfig({ KETENPOORT_CONFIG: join(dir, 'config.json') }).observability.otlpTracesUrl).toBe('http://collector:4318/v1/traces');
});

it('serves metrics on loopback unless told otherwise, and refuses a bad port', () => {
  expect(loadConfig({ KETENPOORT_METRICS_PORT: '9464' }).observability.metrics).toEqual({ host: '127.0.0.1', port: 9464 });
  expect(loadConfig({ KETENPOORT_METRICS_PORT: '9464', KETENPOORT_METRICS_HOST: '0.0.0.0' }).observability.metrics).toEqual({ host: '0.0.0.0', port: 9464 });
  expect(() => loadConfig({ KETENPOORT_METRICS_PORT: 'ninety' })).toThrow(/KETENPOORT_METRICS_PORT/);
});

it('refuses an OTLP endpoint that is not a URL', () => {
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318 ' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
});
