import { DeliveryRounds1765500000000 } from './deliveries/infrastructure/delivery-rounds.migration';
import { EarlyStatusTenant1765400000001 } from './deliveries/infrastructure/early-status-tenant.migration';
import { ReceiptCreatedAt1765500000001 } from './deliveries/infrastructure/receipt-created-at.migration';
import { CreateProviderAccounts1765300000000 } from './provider-accounts/infrastructure/provider-accounts.migration';
import { CreateNotifications1765100000000 } from './shared/infrastructure/notifications.migration';
import { ProviderWebhookPerClub1765500000002 } from './webhooks/infrastructure/webhook-per-club.migration';
import { ProviderWebhookQueue1765400000000 } from './webhooks/infrastructure/webhook-queue.migration';

/** notifications' schema, in the order the migrations apply. */
export const NOTIFICATIONS_MIGRATIONS = [
  CreateNotifications1765100000000,
  CreateProviderAccounts1765300000000,
  ProviderWebhookQueue1765400000000,
  EarlyStatusTenant1765400000001,
  DeliveryRounds1765500000000,
  ReceiptCreatedAt1765500000001,
  ProviderWebhookPerClub1765500000002,
];
