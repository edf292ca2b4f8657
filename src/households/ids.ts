/**
 * Opaque identifiers, pairwise per organisation (docs/identifiers.md). A caller never sees an agency's
 * internal identifier or a BSN in an id, and two organisations never see the same id for the same
 * record: as with the polymorphic pseudonyms of BSNk, every organisation gets its own pseudonym of a
 * record, stable for it and unrelated to every other organisation's, and only the gateway opens it.
 *
 * Every id is the record's parts sealed with AES-256-GCM under a key derived with HKDF from the one id
 * secret and a context: the gateway's own context for the record identity nodes carry and the audit
 * trail stores (never shown to a caller), an organisation's for the pseudonyms it is shown, a
 * covenant's for the case reference its parties share. The IV is synthetic (an HMAC of the plaintext
 * under a key of the same context), so one record always gets the same id in one context; the context
 * is also the AEAD's additional data. An id sealed in another context does not open: forged, foreign
 * and malformed ids are one case, "no such record".
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export const ID_KINDS = { household: 'hh', child: 'ch', member: 'pm', report: 'rp', referral: 'rf', caseReference: 'cr' } as const;
export type IdKind = keyof typeof ID_KINDS;

export interface IdSealer {
  seal(kind: IdKind, parts: readonly string[]): string;
  /** The parts of a sealed id of that kind, or null for anything else (forged, foreign, malformed). */
  open(kind: IdKind, id: string): string[] | null;
}

/** The ids one organisation is shown and may present. */
export interface OrganisationIds {
  readonly organisationId: string;
  /** The organisation's pseudonym of the record the gateway knows by `recordId`; null if that is no record id. */
  show(recordId: string): string | null;
  /** The gateway's record id a pseudonym of this organisation names; null for anything else (another organisation's, forged, malformed). */
  take(kind: IdKind, pseudonym: string): string | null;
  /** The parts a pseudonym of this organisation seals (as `take`, one step further). */
  open(kind: IdKind, pseudonym: string): string[] | null;
  /**
   * Nodes in the order of this organisation's pseudonyms of their record ids, each with its pseudonym.
   * Remembered per list (a listing the cluster memo shares is sorted once per organisation, and the
   * result lives as long as that list does).
   */
  inOwnOrder<Node extends { readonly id: string }>(nodes: readonly Node[]): readonly ShownNode<Node>[];
}

export interface ShownNode<Node> {
  readonly node: Node;
  /** The organisation's pseudonym of the node's record id. */
  readonly shown: string;
}

export interface IdService {
  /** The gateway's own record identity: what nodes carry and the audit trail stores. Never shown to a caller. */
  readonly records: IdSealer;
  /** The pseudonyms of one organisation (an agency id). */
  of(organisationId: string): OrganisationIds;
  /** The case reference the parties a covenant names for a case conference share: keyed by the covenant id. */
  caseReference(covenantId: string, householdAnchor: string): string;
}

export interface IdSealerOptions {
  /** Sealed ids remembered per context (the same record gets the same id, so a request for it again costs a lookup). Default 50,000. */
  readonly remember?: number;
}

const PREFIX_KINDS = new Map<string, IdKind>(Object.entries(ID_KINDS).map(([kind, prefix]) => [`${prefix}_`, kind as IdKind]));

/** The kind an id's prefix names, or null. */
export function kindOfId(id: string): IdKind | null {
  return PREFIX_KINDS.get(id.slice(0, 3)) ?? null;
}

/**
 * The gateway's record-identity sealer. Its keys are the ones every id was sealed with before ids
 * became pairwise, so record ids already in the audit trail still open.
 */
export function createIdSealer(secret: string, options: IdSealerOptions = {}): IdSealer {
  return sealerIn(secret, { encryption: 'id-encryption', iv: 'id-synthetic-iv', aad: null }, options);
}

export function createIdService(secret: string, options: IdSealerOptions = {}): IdService {
  const records = createIdSealer(secret, options);
  const organisations = new Map<string, OrganisationIds>();
  const covenants = new Map<string, IdSealer>();
  const contextOf = (label: string, name: string) => ({
    // The name is length-prefixed, so no organisation or covenant id can spell another context.
    encryption: `id-encryption\u0000${label}\u0000${name.length}:${name}`,
    iv: `id-synthetic-iv\u0000${label}\u0000${name.length}:${name}`,
    aad: `${label}:${name}`,
  });
  return {
    records,
    of(organisationId) {
      let found = organisations.get(organisationId);
      if (!found) {
        found = organisationIds(organisationId, records, sealerIn(secret, contextOf('organisation', organisationId), options), options);
        organisations.set(organisationId, found);
      }
      return found;
    },
    caseReference(covenantId, householdAnchor) {
      let sealer = covenants.get(covenantId);
      if (!sealer) {
        sealer = sealerIn(secret, contextOf('covenant', covenantId), options);
        covenants.set(covenantId, sealer);
      }
      return sealer.seal('caseReference', [householdAnchor]);
    },
  };
}

function organisationIds(organisationId: string, records: IdSealer, own: IdSealer, options: IdSealerOptions): OrganisationIds {
  // Showing an id opens the record id and seals it again (two AES-GCM passes); lists show the same ids
  // request after request, so the recent ones are kept.
  const remember = options.remember ?? 50_000;
  const shown = remember > 0 ? new LRUCache<string, string>({ max: remember }) : null;
  const ordered = new WeakMap<readonly { readonly id: string }[], readonly ShownNode<{ readonly id: string }>[]>();
  const ids: OrganisationIds = {
    organisationId,
    inOwnOrder<Node extends { readonly id: string }>(nodes: readonly Node[]): readonly ShownNode<Node>[] {
      const known = ordered.get(nodes) as readonly ShownNode<Node>[] | undefined;
      if (known) return known;
      const result = nodes.map((node) => {
        const pseudonym = ids.show(node.id);
        if (pseudonym === null) throw new Error('unreachable: a node without a record id');
        return { node, shown: pseudonym };
      }).sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
      ordered.set(nodes, result);
      return result;
    },
    show(recordId) {
      const known = shown?.get(recordId);
      if (known) return known;
      const kind = kindOfId(recordId);
      const parts = kind ? records.open(kind, recordId) : null;
      if (!kind || !parts) return null;
      const pseudonym = own.seal(kind, parts);
      shown?.set(recordId, pseudonym);
      return pseudonym;
    },
    take(kind, pseudonym) {
      const parts = own.open(kind, pseudonym);
      return parts ? records.seal(kind, parts) : null;
    },
    open: (kind, pseudonym) => own.open(kind, pseudonym),
  };
  return ids;
}

interface SealContext {
  readonly encryption: string;
  readonly iv: string;
  /** Additional authenticated data; null for the record identity (as sealed before ids were pairwise). */
  readonly aad: string | null;
}

function sealerIn(secret: string, context: SealContext, options: IdSealerOptions): IdSealer {
  // Every request seals the ids of every member, child, report and referral it shows: an HMAC and an
  // AES-GCM pass each. The answer depends only on kind and parts, so the recent ones are kept.
  const remember = options.remember ?? 50_000;
  const remembered = remember > 0 ? new LRUCache<string, string>({ max: remember }) : null;
  // Key objects made once: handing raw buffers to createCipheriv/createHmac builds a key object per call,
  // which the benchmark found to be most of a seal's cost (about 75 us against 16 us).
  const encryptionKey: KeyObject = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'ketenpoort', context.encryption, 32)));
  const ivKey: KeyObject = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'ketenpoort', context.iv, 32)));
  const aad = context.aad === null ? null : Buffer.from(context.aad, 'utf8');
  return {
    seal(kind, parts) {
      const text = JSON.stringify([kind, ...parts]);
      const known = remembered?.get(text);
      if (known) return known;
      const plaintext = Buffer.from(text, 'utf8');
      const iv = createHmac('sha256', ivKey).update(plaintext).digest().subarray(0, 12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      if (aad) cipher.setAAD(aad);
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
        if (aad) decipher.setAAD(aad);
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
