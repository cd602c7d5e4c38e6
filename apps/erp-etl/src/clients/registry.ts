import type { ErpClient } from './erp-client';
import { banban } from './banban';

/** Every ERP client the platform takes webhooks from: one folder each, registered here and only here. */
const CLIENTS: readonly ErpClient[] = [banban];

export const erpClients: ReadonlyMap<string, ErpClient> = new Map(CLIENTS.map((c) => [c.id, c]));

export const erpClientIds = (): string[] => [...erpClients.keys()];

export function erpClient(id: string): ErpClient | undefined {
  return erpClients.get(id);
}
