import { Controller } from '@nestjs/common';
import {
  NotificationsListTemplatesResultV1,
  NotificationsListTemplatesResultV2,
  NotificationsListTemplatesV1,
  NotificationsListTemplatesV2,
  NotificationsSaveTemplateResultV1,
  NotificationsSaveTemplateResultV2,
  NotificationsSaveTemplateV1,
  NotificationsSaveTemplateV2,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { ListTemplatesHandler } from '../application/list-templates/list-templates.handler';
import { SaveTemplateHandler } from '../application/save-template/save-template.handler';
import { InvalidTemplateError, KINDS, UnknownTemplateVariableError, ofV1Kind } from '../domain/templates';

/**
 * A club's templates, for its staff through the gateway (request/reply; the tenant is the envelope's).
 * v1 is answered for a gateway not yet upgraded: it names only the kinds v1 knows.
 */
@Controller()
export class TemplatesCommandsHandler {
  constructor(
    private readonly saveTemplate: SaveTemplateHandler,
    private readonly listTemplates: ListTemplatesHandler,
  ) {}

  @OnCommand(NotificationsSaveTemplateV1)
  async saveV1(envelope: Envelope<NotificationsSaveTemplateV1>, ctx: MessageContext) {
    return NotificationsSaveTemplateResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.kind,
      data: (await this.saved(envelope, ctx)) as NotificationsSaveTemplateResultV1,
    });
  }

  @OnCommand(NotificationsSaveTemplateV2)
  async save(envelope: Envelope<NotificationsSaveTemplateV2>, ctx: MessageContext) {
    return NotificationsSaveTemplateResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.data.kind,
      data: await this.saved(envelope, ctx),
    });
  }

  @OnCommand(NotificationsListTemplatesV1)
  async listV1(envelope: Envelope<NotificationsListTemplatesV1>, ctx: MessageContext) {
    const templates = await this.listTemplates.execute(ctx.manager, envelope.tenantid, envelope.data.kind);
    return NotificationsListTemplatesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { templates: templates.filter(ofV1Kind).map((t) => ({ ...t, variables: [...t.variables] })) },
    });
  }

  @OnCommand(NotificationsListTemplatesV2)
  async list(envelope: Envelope<NotificationsListTemplatesV2>, ctx: MessageContext) {
    const templates = await this.listTemplates.execute(ctx.manager, envelope.tenantid, envelope.data.kind);
    return NotificationsListTemplatesResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { templates: templates.map((t) => ({ ...t, variables: [...t.variables] })) },
    });
  }

  /** The saved version, or the field (and variable) refused. A v1 command's kind is one of v1's. */
  private async saved(
    envelope: Envelope<NotificationsSaveTemplateV2>,
    ctx: MessageContext,
  ): Promise<NotificationsSaveTemplateResultV2> {
    try {
      const t = await this.saveTemplate.execute(ctx.manager, envelope.tenantid, envelope.data);
      return { outcome: 'saved', template: { ...t, variables: [...KINDS[t.kind]] } };
    } catch (error) {
      if (error instanceof UnknownTemplateVariableError) {
        return { outcome: 'invalid', field: error.field, variable: error.variable, reason: error.reason };
      }
      if (error instanceof InvalidTemplateError) {
        return { outcome: 'invalid', field: error.field, reason: error.reason };
      }
      throw error;
    }
  }
}
