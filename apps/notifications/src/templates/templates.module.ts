import { Module } from '@nestjs/common';
import { ListTemplatesHandler } from './application/list-templates/list-templates.handler';
import { SaveTemplateHandler } from './application/save-template/save-template.handler';
import { ResolveTemplateHandler } from './application/resolve-template/resolve-template.handler';
import { TEMPLATES_REPOSITORY } from './application/ports/templates.repository.port';
import { TemplatesRepository } from './infrastructure/templates.repository';
import { TemplatesCommandsHandler } from './interface/templates.commands.handler';

/** What members read: the platform's default words and each club's own, per kind and locale. */
@Module({
  controllers: [TemplatesCommandsHandler],
  providers: [
    { provide: TEMPLATES_REPOSITORY, useClass: TemplatesRepository },
    ResolveTemplateHandler,
    SaveTemplateHandler,
    ListTemplatesHandler,
  ],
  exports: [ResolveTemplateHandler],
})
export class TemplatesModule {}
