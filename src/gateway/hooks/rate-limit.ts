/**
 * The inbound rate limit at the door: after the caller is admitted (the buckets are per organisation
 * and user, so the token must be known) and before anything executes. A refusal is a coded 429 with
 * Retry-After, and reaches no agency.
 */
import type { FastifyReply } from 'fastify';
import { errorBody } from '#domain/errors.ts';
import type { Caller } from '#src/identity/caller.ts';
import type { RequestNotes } from '../request-notes.ts';
import type { GatewayServices } from '../services.ts';

/** Sends the 429 and returns true when the caller's bucket (or its organisation's) is empty. */
export async function refuseWhenLimited(services: GatewayServices, caller: Caller, reply: FastifyReply, notes: RequestNotes): Promise<boolean> {
  if (!services.limiter) return false;
  const taken = await services.limiter.take(caller.agencyId, caller.userId);
  if (taken.allowed) return false;
  notes.outcome = 'RATE_LIMITED';
  reply.header('retry-after', String(taken.retryAfterSeconds));
  await reply.code(429).type('application/json').send(errorBody('RATE_LIMITED', `Too many requests for this organisation or user; try again in ${taken.retryAfterSeconds} s.`));
  return true;
}
