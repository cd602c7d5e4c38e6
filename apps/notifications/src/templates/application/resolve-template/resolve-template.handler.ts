import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { defaultTemplate } from '../../domain/default-templates';
import type { Kind, TemplateText } from '../../domain/templates';
import { TEMPLATES_REPOSITORY, type TemplatesRepositoryPort } from '../ports/templates.repository.port';

/** The words for a kind in a member's locale: the club's newest version, else the platform's default. */
@Injectable()
export class ResolveTemplateHandler {
  constructor(@Inject(TEMPLATES_REPOSITORY) private readonly templates: TemplatesRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, kind: Kind, locale: string): Promise<TemplateText> {
    return (await this.templates.latest(tx, tenantId, kind, locale)) ?? defaultTemplate(kind, locale);
  }
}
