import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { Injectable } from '@nestjs/common';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { muxNotFound } from './mux.errors';
import { muxId } from './mux.ids';
import { signingKeyListSchema } from './mux.params';

const generateRsaKeyPair = promisify(generateKeyPair);

interface SigningKeyRecord {
  id: string;
  /** Unix seconds. */
  createdAt: number;
  seq: number;
  publicKey: KeyObject;
  deleted: boolean;
}

/**
 * URL signing keys (docs.mux.com/api-reference/system/signing-keys): a 2048-bit RSA key pair per key;
 * the private key is answered once, on creation, base64 of a PKCS#1 PEM (as Mux does; the SDK's
 * `jwt.signPlaybackId` takes it as `keySecret`), and the public key stays to check playback tokens.
 * A deleted key signs nothing any more: tokens naming it are refused.
 */
@Injectable()
export class MuxSigningKeys {
  private readonly keys = new Map<string, SigningKeyRecord>();
  private seq = 0;

  async create(): Promise<{ id: string; created_at: string; private_key: string }> {
    const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2_048 });
    const key: SigningKeyRecord = {
      id: muxId(),
      createdAt: Math.floor(Date.now() / 1_000),
      seq: ++this.seq,
      publicKey,
      deleted: false,
    };
    this.keys.set(key.id, key);
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    return { ...resource(key), private_key: Buffer.from(pem).toString('base64') };
  }

  /** Newest first, `limit` per `page`. */
  list(query: unknown) {
    const q = parseOrBadRequest(signingKeyListSchema, query ?? {}, 'invalid_parameters');
    const data = [...this.keys.values()]
      .filter((k) => !k.deleted)
      .sort((a, b) => b.seq - a.seq)
      .slice((q.page - 1) * q.limit, q.page * q.limit);
    return { data: data.map(resource) };
  }

  retrieve(id: string) {
    return resource(this.live(id));
  }

  delete(id: string): void {
    this.live(id).deleted = true;
  }

  /** The public key of a live signing key, for token checks. */
  publicKeyOf(id: string): KeyObject | undefined {
    const key = this.keys.get(id);
    return key && !key.deleted ? key.publicKey : undefined;
  }

  private live(id: string): SigningKeyRecord {
    const key = this.keys.get(id);
    if (!key || key.deleted) throw muxNotFound();
    return key;
  }
}

const resource = (key: SigningKeyRecord) => ({ id: key.id, created_at: String(key.createdAt) });
