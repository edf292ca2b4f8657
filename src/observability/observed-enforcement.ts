/**
 * The enforcement as the gateway observes it: a span for each decision the request's memo makes
 * (a field check the memo answers again is not a new decision and gets none), a span around loading
 * a household's referrals or child records for a condition (the upstream calls it makes become its children), and the
 * redactions counted by reason. The decisions themselves are the wrapped enforcement's, unchanged.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import type { Enforcement, RequestEnforcement } from '#src/enforcement/context.ts';
import { agreementOf, type Decided } from '#src/policy/index.ts';
import type { GatewayMetrics } from './metrics.ts';
import { setSpanAttributes } from './span-attributes.ts';
import type { Telemetry } from './telemetry.ts';

/**
 * Most decision spans one request records. A request over fifty households makes about a thousand
 * decisions; past this many, more spans would bury the upstream calls without telling more.
 */
export const MAX_DECISION_SPANS = 200;

export function observeEnforcement(enforcement: Enforcement, telemetry: Telemetry, metrics: GatewayMetrics): Enforcement {
  return {
    isPublic: (coordinate) => enforcement.isPublic(coordinate),
    forRequest(request) {
      const { childrenOf } = request;
      const inner = enforcement.forRequest(telemetry.enabled ? {
        ...request,
        referralsOf: (household) => telemetry.inSpan('policy referrals', {}, () => request.referralsOf(household)),
        ...(childrenOf && { childrenOf: (household) => telemetry.inSpan('policy child records', {}, () => childrenOf.call(request, household)) }),
      } : request);
      const observed: RequestEnforcement = {
        decide: (source, coordinate) => inner.decide(source, coordinate),
        mayEverRead: (coordinate) => inner.mayEverRead(coordinate),
        controls: (ownerAgencyId) => inner.controls(ownerAgencyId),
        audit: inner.audit,
        redactions: inner.redactions,
        redact(path, decision) {
          metrics.redactions.inc({ reason: decision.reason });
          inner.redact(path, decision);
        },
      };
      if (telemetry.enabled) observed.decide = spanDecisions(inner, telemetry);
      return observed;
    },
  };
}

function spanDecisions(inner: RequestEnforcement, telemetry: Telemetry): RequestEnforcement['decide'] {
  const seen = new WeakSet<Decided>();
  let spans = 0;
  const record = (decided: Decided, startTime: number, owner: string): Decided => {
    if (seen.has(decided) || spans >= MAX_DECISION_SPANS) return decided;
    seen.add(decided);
    spans++;
    const agreement = agreementOf(decided);
    const span = telemetry.startSpan('policy decision', {
      startTime,
      attributes: {
        'ketenpoort.policy.coordinate': decided.coordinate,
        'ketenpoort.policy.owner': owner,
        'ketenpoort.policy.effect': decided.effect,
        'ketenpoort.policy.reason': decided.reason,
        ...(agreement ? { 'ketenpoort.policy.agreement': agreement.key, 'ketenpoort.policy.article': agreement.article } : {}),
      },
    });
    span.end();
    return decided;
  };
  return (source, coordinate) => {
    const startTime = performance.now();
    const decided = inner.decide(source, coordinate);
    if (!(decided instanceof Promise)) return record(decided, startTime, source.owner.agencyId);
    return decided.then((value) => record(value, startTime, source.owner.agencyId), (error: unknown) => {
      const span = telemetry.startSpan('policy decision', { startTime, attributes: { 'ketenpoort.policy.coordinate': coordinate } });
      setSpanAttributes(span, { 'error.type': 'INTERNAL_SERVER_ERROR' });
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      throw error;
    });
  };
}
