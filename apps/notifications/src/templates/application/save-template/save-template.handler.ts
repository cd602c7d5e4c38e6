import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { checkTemplate } from '../../domain/templates';
import {
  TEMPLATES_REPOSITORY,
  type SavedTemplate,
  type StoredTemplate,
  type TemplatesRepositoryPort,
} from '../ports/templates.repository.port';

/**
 * Saves a club's new version of a template after checking it: it parses, and reads only its kind's
 * variables (UnknownTemplateVariableError / InvalidTemplateError otherwise, nothing saved). Earlier
 * versions stay; the newest is used from the next message on.
 */
@Injectable()
export class SaveTemplateHandler {
  constructor(@Inject(TEMPLATES_REPOSITORY) private readonly templates: TemplatesRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, t: SavedTemplate): Promise<StoredTemplate> {
    checkTemplate(t.kind, t);
    return this.templates.save(tx, tenantId, t);
  }
}
