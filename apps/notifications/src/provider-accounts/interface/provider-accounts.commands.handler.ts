import { Controller } from '@nestjs/common';
import {
  NotificationsDeleteProviderAccountResultV1,
  NotificationsDeleteProviderAccountV1,
  NotificationsListProviderAccountsResultV1,
  NotificationsListProviderAccountsV1,
  NotificationsSaveProviderAccountResultV1,
  NotificationsSaveProviderAccountV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import type { AccountView } from '../application/account-view';
import { DeleteProviderAccountHandler } from '../application/delete-provider-account/delete-provider-account.handler';
import { ListProviderAccountsHandler } from '../application/list-provider-accounts/list-provider-accounts.handler';
import { SaveProviderAccountHandler } from '../application/save-provider-account/save-provider-account.handler';
import { InvalidProviderAccountError, type ProviderAccount } from '../domain/provider-account';

type View = NonNullable<NotificationsSaveProviderAccountResultV1['account']>;

/**
 * A club's own provider accounts, for its admins through the gateway (request/reply; the club is the
 * envelope's tenant, so another club's accounts cannot even be named). Replies never carry a secret.
 */
@Controller()
export class ProviderAccountsCommandsHandler {
  constructor(
    private readonly saveAccount: SaveProviderAccountHandler,
    private readonly listAccounts: ListProviderAccountsHandler,
    private readonly deleteAccount: DeleteProviderAccountHandler,
  ) {}

  @OnCommand(NotificationsSaveProviderAccountV1, { carriesSecrets: true })
  async save(envelope: Envelope<NotificationsSaveProviderAccountV1>, ctx: MessageContext) {
    const { account, savedBy } = envelope.data;
    const reply = (data: NotificationsSaveProviderAccountResultV1) =>
      NotificationsSaveProviderAccountResultV1.envelope({ ...ctx.follow(), subject: account.provider, data });
    try {
      const saved = await this.saveAccount.execute(
        ctx.manager,
        envelope.tenantid,
        account as ProviderAccount,
        savedBy,
      );
      return reply({ outcome: 'saved', account: saved as View });
    } catch (error) {
      if (error instanceof InvalidProviderAccountError) {
        return reply({ outcome: 'invalid', field: error.field, reason: error.reason });
      }
      throw error;
    }
  }

  @OnCommand(NotificationsListProviderAccountsV1)
  async list(envelope: Envelope<NotificationsListProviderAccountsV1>, ctx: MessageContext) {
    const accounts: AccountView[] = await this.listAccounts.execute(ctx.manager, envelope.tenantid);
    return NotificationsListProviderAccountsResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { accounts: accounts as View[] },
    });
  }

  @OnCommand(NotificationsDeleteProviderAccountV1)
  async remove(envelope: Envelope<NotificationsDeleteProviderAccountV1>, ctx: MessageContext) {
    const { provider } = envelope.data;
    const deleted = await this.deleteAccount.execute(ctx.manager, envelope.tenantid, provider);
    return NotificationsDeleteProviderAccountResultV1.envelope({
      ...ctx.follow(),
      subject: provider,
      data: { outcome: deleted ? 'deleted' : 'not-found' },
    });
  }
}
