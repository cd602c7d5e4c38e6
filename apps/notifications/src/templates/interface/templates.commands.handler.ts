import { Controller } from '@nestjs/common';
import {
  NotificationsListTemplatesResultV1,
  NotificationsListTemplatesV1,
  NotificationsSaveTemplateResultV1,
  NotificationsSaveTemplateV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { ListTemplatesHandler } from '../application/list-templates/list-templates.handler';
import { SaveTemplateHandler } from '../application/save-template/save-template.handler';
import { InvalidTemplateError, KINDS, UnknownTemplateVariableError } from '../domain/templates';

/** A club's templates, for its staff through the gateway (request/reply; the tenant is the envelope's). */
@Controller()
export class TemplatesCommandsHandler {
  constructor(
    private readonly saveTemplate: SaveTemplateHandler,
    private readonly listTemplates: ListTemplatesHandler,
  ) {}

  @OnCommand(NotificationsSaveTemplateV1)
  async save(envelope: Envelope<NotificationsSaveTemplateV1>, ctx: MessageContext) {
    const reply = (data: NotificationsSaveTemplateResultV1) =>
      NotificationsSaveTemplateResultV1.envelope({ ...ctx.follow(), subject: envelope.data.kind, data });
    try {
      const t = await this.saveTemplate.execute(ctx.manager, envelope.tenantid, envelope.data);
      return reply({ outcome: 'saved', template: { ...t, variables: [...KINDS[t.kind]] } });
    } catch (error) {
      if (error instanceof UnknownTemplateVariableError) {
        return reply({
          outcome: 'invalid',
          field: error.field,
          variable: error.variable,
          reason: error.reason,
        });
      }
      if (error instanceof InvalidTemplateError) {
        return reply({ outcome: 'invalid', field: error.field, reason: error.reason });
      }
      throw error;
    }
  }

  @OnCommand(NotificationsListTemplatesV1)
  async list(envelope: Envelope<NotificationsListTemplatesV1>, ctx: MessageContext) {
    const templates = await this.listTemplates.execute(ctx.manager, envelope.tenantid, envelope.data.kind);
    return NotificationsListTemplatesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { templates: templates.map((t) => ({ ...t, variables: [...t.variables] })) },
    });
  }
}
