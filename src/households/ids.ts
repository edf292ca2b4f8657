/**
 * Opaque identifiers. A caller never sees an agency's internal identifier or a BSN in an id: ids are
 * sealed with AES-256-GCM under a gateway secret, with a synthetic IV (an HMAC of the plaintext), so
 * the same record always gets the same id and a forged or foreign id simply does not open.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export const ID_KINDS = { household: 'hh', child: 'ch', member: 'pm', report: 'rp', referral: 'rf' } as const;
export type IdKind = keyof typeof ID_KINDS;

export interface IdSealer {
  seal(kind: IdKind, parts: readonly string[]): string;
  /** The parts of a sealed id of that kind, or null for anything else (forged, foreign, malformed). */
  open(kind: IdKind, id: string): string[] | null;
}

export interface IdSealerOptions {
  /** Sealed ids remembered (the same record gets the same id, so a request for it again costs a lookup). Default 50,000. */
  readonly remember?: number;
}

export function createIdSealer(secret: string, options: IdSealerOptions = {}): IdSealer {
  // Every request seals the ids of every member, child, report and referral it shows: an HMAC and an
  // AES-GCM pass each. The answer depends only on kind and parts, so the recent ones are kept.
  const remember = options.remember ?? 50_000;
  const remembered = remember > 0 ? new LRUCache<string, string>({ max: remember }) : null;
  // Key objects made once: handing raw buffers to createCipheriv/createHmac builds a key object per call,
  // which the benchmark found to be most of a seal's cost (about 75 us against 16 us).
  const encryptionKey = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'ketenpoort', 'id-encryption', 32)));
  const ivKey = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'ketenpoort', 'id-synthetic-iv', 32)));
  return {
    seal(kind, parts) {
      const text = JSON.stringify([kind, ...parts]);
      const known = remembered?.get(text);
      if (known) return known;
      const plaintext = Buffer.from(text, 'utf8');
      const iv = createHmac('sha256', ivKey).update(plaintext).digest().subarray(0, 12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      const id = `${ID_KINDS[kind]}_${sealed.toString('base64url')}`;
      remembered?.set(text, id);
      return id;
    },
    open(kind, id) {
      const prefix = `${ID_KINDS[kind]}_`;
      if (typeof id !== 'string' || !id.startsWith(prefix) || id.length > 512) return null;
      const sealed = Buffer.from(id.slice(prefix.length), 'base64url');
      if (sealed.length < 12 + 16 + 1) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        const plaintext = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
        const parsed: unknown = JSON.parse(plaintext.toString('utf8'));
        if (!Array.isArray(parsed) || parsed[0] !== kind || !parsed.every((part) => typeof part === 'string')) return null;
        return parsed.slice(1) as string[];
      } catch {
        return null;
      }
    },
  };
}
