import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { DEFAULT_TEMPLATES } from '../../domain/default-templates';
import { KINDS, type Kind, type TemplateText } from '../../domain/templates';
import { TEMPLATES_REPOSITORY, type TemplatesRepositoryPort } from '../ports/templates.repository.port';

export interface TemplateInUse extends TemplateText {
  kind: Kind;
  locale: string;
  /** 0: the platform's default. */
  version: number;
  variables: readonly string[];
  savedBy?: string;
  savedAt?: string;
}

/** Per kind and locale (the defaults' and the club's own), the template a member would be sent now. */
@Injectable()
export class ListTemplatesHandler {
  constructor(@Inject(TEMPLATES_REPOSITORY) private readonly templates: TemplatesRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, kind?: Kind): Promise<TemplateInUse[]> {
    const own = await this.templates.listLatest(tx, tenantId);
    const locales = [...new Set([...Object.keys(DEFAULT_TEMPLATES), ...own.map((t) => t.locale)])];
    const kinds = kind ? [kind] : (Object.keys(KINDS) as Kind[]);
    return kinds.flatMap((k) =>
      locales.flatMap((locale) => {
        const mine = own.find((t) => t.kind === k && t.locale === locale);
        if (mine) return [{ ...mine, variables: KINDS[k] }];
        const fallback = DEFAULT_TEMPLATES[locale]?.[k];
        return fallback ? [{ kind: k, locale, version: 0, ...fallback, variables: KINDS[k] }] : [];
      }),
    );
  }
}
