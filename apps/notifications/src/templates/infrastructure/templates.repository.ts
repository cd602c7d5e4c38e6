import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type {
  SavedTemplate,
  StoredTemplate,
  TemplatesRepositoryPort,
} from '../application/ports/templates.repository.port';
import type { Kind, TemplateText } from '../domain/templates';

/** Clubs' templates in SQL (`template`). */
@Injectable()
export class TemplatesRepository implements TemplatesRepositoryPort {
  async latest(
    tx: Transaction,
    tenantId: string,
    kind: Kind,
    locale: string,
  ): Promise<TemplateText | undefined> {
    const [row] = await tx.query<
      { title: string; body: string; whatsapp_name: string | null; whatsapp_parameters: string[] | null }[]
    >(
      `SELECT title, body, whatsapp_name, whatsapp_parameters FROM template
       WHERE tenant_id = $1 AND kind = $2 AND locale = $3 ORDER BY version DESC LIMIT 1`,
      [tenantId, kind, locale],
    );
    if (!row) return undefined;
    return {
      title: row.title,
      body: row.body,
      ...(row.whatsapp_name && {
        whatsapp: { name: row.whatsapp_name, parameters: row.whatsapp_parameters ?? [] },
      }),
    };
  }

  async save(tx: Transaction, tenantId: string, t: SavedTemplate): Promise<StoredTemplate> {
    const [row] = await tx.query<TemplateRow[]>(
      `INSERT INTO template (tenant_id, kind, locale, version, title, body, whatsapp_name, whatsapp_parameters, saved_by)
       SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8
       FROM template WHERE tenant_id = $1 AND kind = $2 AND locale = $3
       RETURNING ${TEMPLATE_COLUMNS}`,
      [
        tenantId,
        t.kind,
        t.locale,
        t.title,
        t.body,
        t.whatsapp?.name ?? null,
        t.whatsapp?.parameters ?? null,
        t.savedBy,
      ],
    );
    return toStored(row);
  }

  async listLatest(tx: Transaction, tenantId: string): Promise<StoredTemplate[]> {
    const rows = await tx.query<TemplateRow[]>(
      `SELECT DISTINCT ON (kind, locale) ${TEMPLATE_COLUMNS} FROM template WHERE tenant_id = $1
       ORDER BY kind, locale, version DESC`,
      [tenantId],
    );
    return rows.map(toStored);
  }
}

interface TemplateRow {
  kind: Kind;
  locale: string;
  version: number;
  title: string;
  body: string;
  whatsapp_name: string | null;
  whatsapp_parameters: string[] | null;
  saved_by: string;
  saved_at: string;
}

const TEMPLATE_COLUMNS = `kind, locale, version, title, body, whatsapp_name, whatsapp_parameters, saved_by,
  ${isoUtc('saved_at')} AS saved_at`;

const toStored = (r: TemplateRow): StoredTemplate => ({
  kind: r.kind,
  locale: r.locale,
  version: r.version,
  title: r.title,
  body: r.body,
  ...(r.whatsapp_name && { whatsapp: { name: r.whatsapp_name, parameters: r.whatsapp_parameters ?? [] } }),
  savedBy: r.saved_by,
  savedAt: r.saved_at,
});
