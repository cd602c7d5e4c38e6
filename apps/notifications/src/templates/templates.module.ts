import { Module } from '@nestjs/common';
import { ResolveTemplateHandler } from './application/resolve-template/resolve-template.handler';
import { TEMPLATES_REPOSITORY } from './application/ports/templates.repository.port';
import { TemplatesRepository } from './infrastructure/templates.repository';

/** What members read: the platform's default words and each club's own, per kind and locale. */
@Module({
  providers: [{ provide: TEMPLATES_REPOSITORY, useClass: TemplatesRepository }, ResolveTemplateHandler],
  exports: [ResolveTemplateHandler],
})
export class TemplatesModule {}
