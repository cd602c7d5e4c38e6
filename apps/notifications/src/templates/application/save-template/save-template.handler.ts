import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { isWritableLocale } from '../../../shared/domain/locale';
import { checkTemplate, InvalidTemplateError } from '../../domain/templates';
import {
  TEMPLATES_REPOSITORY,
  type SavedTemplate,
  type StoredTemplate,
  type TemplatesRepositoryPort,
} from '../ports/templates.repository.port';

/**
 * Saves a club's new version of a template after checking it: it parses, and reads only its kind's
 * variables, in a locale members can have (UnknownTemplateVariableError / InvalidTemplateError otherwise,
 * nothing saved). Earlier
 * versions stay; the newest is used from the next message on.
 */
@Injectable()
export class SaveTemplateHandler {
  constructor(@Inject(TEMPLATES_REPOSITORY) private readonly templates: TemplatesRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, t: SavedTemplate): Promise<StoredTemplate> {
    // A template no member can be written in would sit unused in the club's list.
    if (!isWritableLocale(t.locale)) {
      throw new InvalidTemplateError('locale', 'is not a locale this platform writes in (e.g. pt-BR, en)');
    }
    checkTemplate(t.kind, t);
    return this.templates.save(tx, tenantId, t);
  }
}
