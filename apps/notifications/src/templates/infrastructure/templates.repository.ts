import { Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { TemplatesRepositoryPort } from '../application/ports/templates.repository.port';
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
}
