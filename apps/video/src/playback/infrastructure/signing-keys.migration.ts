import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `club_signing_key`: each club's Mux signing key (playback tokens are signed with it), its private key
 * sealed with AES-256-GCM under SIGNING_KEYS and bound to the club (`seal_key_id` names the key used).
 */
export class CreateSigningKeys1765800000200 implements MigrationInterface {
  readonly name = 'CreateSigningKeys1765800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE club_signing_key (
        tenant_id   text PRIMARY KEY,
        key_id      text NOT NULL,
        seal_key_id text NOT NULL,
        iv          bytea NOT NULL,
        ciphertext  bytea NOT NULL,
        tag         bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE club_signing_key');
  }
}
