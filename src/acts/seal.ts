/**
 * What the outbox keeps of an act's personal side: sealed (AES-256-GCM) with a key of its own, derived
 * from the gateway's id secret by HKDF so no second production secret is needed, and bound to the act's
 * id and to what it holds (the additional data), so a sealed value moved to another act's row, or from
 * the reference column to the payload column, does not open. The trail's database holds no personal
 * value in the clear, and holds the payload only until the receiver has stored it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { ActDelivery } from '#domain/acts.ts';

export interface ActSealer {
  seal(delivery: ActDelivery): string;
  /** Throws when the payload was changed, belongs to another act, or was sealed under another key. */
  open(actId: string, sealed: string): ActDelivery;
  /** The sender's own record id, kept after delivery for the answer (NewAct.reference). */
  sealReference(actId: string, reference: string): string;
  openReference(actId: string, sealed: string): string;
}

const VERSION = 'a1';

export function createActSealer(idSecret: string): ActSealer {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(idSecret, 'utf8'), Buffer.alloc(0), 'ketenpoort act payload v1', 32));
  const seal = (what: string, actId: string, text: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${what}\u0000${actId}`, 'utf8'));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  };
  const open = (what: string, actId: string, sealed: string): string => {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !body) throw new Error('not a sealed act value');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${what}\u0000${actId}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  };
  return {
    seal: (delivery) => seal('payload', delivery.actId, JSON.stringify(delivery)),
    open: (actId, sealed) => JSON.parse(open('payload', actId, sealed)) as ActDelivery,
    sealReference: (actId, reference) => seal('reference', actId, reference),
    openReference: (actId, sealed) => open('reference', actId, sealed),
  };
}
