import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesRepositoryPort,
} from '../../../deliveries/application/ports/deliveries.repository.port';
import {
  SESSION_RECEIPTS_REPOSITORY,
  type SessionReceiptsRepositoryPort,
} from '../../../deliveries/application/ports/session-receipts.repository.port';
import {
  WEBHOOKS_REPOSITORY,
  type WebhooksRepositoryPort,
} from '../../../webhooks/application/ports/webhooks.repository.port';

/**
 * Erases what notifications keeps about a member (LGPD art. 18, elimination), in one transaction:
 * contacts and settings, the consent log, push devices, deliveries with their attempts, pending session
 * receipts, and the providers' webhooks about them (their messages' statuses and what their phone
 * wrote). Nothing is sent to them afterwards: with no consent left, a later event plans no channel.
 */
@Injectable()
export class EraseMemberDataHandler {
  constructor(
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(SESSION_RECEIPTS_REPOSITORY) private readonly receipts: SessionReceiptsRepositoryPort,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
  ) {}

  async execute(tx: Transaction, tenantId: string, memberId: string) {
    const phone = (await this.preferences.findForUpdate(tx, tenantId, memberId))?.phone;
    const { deliveries, providerMessageIds } = await this.deliveries.eraseMember(tx, tenantId, memberId);
    // Another member of the club may share the phone (a family number): their webhooks stay.
    const sharers = phone
      ? (await this.preferences.membersWithPhone(tx, tenantId, phone)).filter((m) => m !== memberId)
      : [];
    const webhooks = await this.webhooks.eraseFor(
      tx,
      tenantId,
      sharers.length ? undefined : phone,
      providerMessageIds,
    );
    return {
      ...(await this.preferences.erase(tx, tenantId, memberId)),
      deliveries,
      webhooks,
      receipts: await this.receipts.eraseMember(tx, tenantId, memberId),
    };
  }
}
